// nx release "versionActions" for our npm workspace packages: reads and writes package.json
// versions and the versions of sibling packages a package depends on. (@nx/js ships one, but it
// has no release matching our nx version; this is the part of it we need.)
const path = require('node:path');
const { VersionActions } = require('nx/release');

const DEPENDENCY_COLLECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

class PackageJsonVersionActions extends VersionActions {
  validManifestFilenames = ['package.json'];

  manifestPath() {
    return path.join(this.projectGraphNode.data.root, 'package.json');
  }

  readManifest(tree) {
    return JSON.parse(tree.read(this.manifestPath(), 'utf-8'));
  }

  writeManifest(tree, manifest) {
    tree.write(this.manifestPath(), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  async readCurrentVersionFromSourceManifest(tree) {
    return { currentVersion: this.readManifest(tree).version, manifestPath: this.manifestPath() };
  }

  // The packages are not published to a registry yet; the manifest is the source of truth.
  async readCurrentVersionFromRegistry() {
    return null;
  }

  async readCurrentVersionOfDependency(tree, projectGraph, dependencyProjectName) {
    const manifest = this.readManifest(tree);
    const packageName = packageNameOf(projectGraph, dependencyProjectName);
    for (const collection of DEPENDENCY_COLLECTIONS) {
      const version = manifest[collection]?.[packageName];
      if (version) return { currentVersion: version, dependencyCollection: collection };
    }
    return { currentVersion: null, dependencyCollection: null };
  }

  async updateProjectVersion(tree, newVersion) {
    const manifest = this.readManifest(tree);
    manifest.version = newVersion;
    this.writeManifest(tree, manifest);
    return [`New version ${newVersion} written to manifest: ${this.manifestPath()}`];
  }

  async updateProjectDependencies(tree, projectGraph, dependenciesToUpdate) {
    const manifest = this.readManifest(tree);
    const logs = [];
    for (const [dependencyProject, version] of Object.entries(dependenciesToUpdate)) {
      const packageName = packageNameOf(projectGraph, dependencyProject);
      for (const collection of DEPENDENCY_COLLECTIONS) {
        if (manifest[collection]?.[packageName] !== undefined) {
          manifest[collection][packageName] = version;
          logs.push(`Updated ${packageName} to ${version} in ${collection} of ${this.manifestPath()}`);
        }
      }
    }
    this.writeManifest(tree, manifest);
    return logs;
  }
}

function packageNameOf(projectGraph, projectName) {
  return projectGraph.nodes[projectName]?.data?.metadata?.js?.packageName ?? projectName;
}

module.exports = PackageJsonVersionActions;
