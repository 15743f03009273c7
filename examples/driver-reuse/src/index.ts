export { archiveAndPublish, type ArchiveAndPublishConfig, type ArchiveAndPublishResult } from './archive-and-publish';
export { parseDailyCounts, publishRow, type DailyCount } from './daily-counts';
