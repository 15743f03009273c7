"""Outline of a DAG file written by `lake schedule export --format airflow`, read with `ast` only
(Airflow is not installed where the tests run): module constants, default_args, the DAG(...)
keywords, each BashOperator task and the dependency edges of its `>>` chains and
set_downstream / set_upstream calls. Prints JSON.
"""
import ast
import json
import sys


def value_of(node, constants):
    """A literal's value; a name of a module constant its value; anything else its source text."""
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)


def call_name(node):
    if isinstance(node, ast.Call):
        return ast.unparse(node.func)
    return None


def chain_names(node):
    """`a >> b >> c` as ["a", "b", "c"]."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
        return chain_names(node.left) + chain_names(node.right)
    if isinstance(node, ast.Name):
        return [node.id]
    raise ValueError("unexpected node in a dependency chain: " + ast.unparse(node))


def outline(source):
    tree = ast.parse(source)
    constants = {}
    calls = {}
    default_args = None
    dag = None
    tasks = {}
    edges = []

    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if isinstance(node.value, ast.Call):
                calls[name] = {"call": call_name(node.value), "args": [value_of(arg, constants) for arg in node.value.args]}
            elif name == "default_args":
                default_args = {key.value: value_of(item, constants) for key, item in zip(node.value.keys, node.value.values)}
            else:
                constants[name] = value_of(node.value, constants)

    for node in ast.walk(tree):
        if isinstance(node, ast.With):
            for item in node.items:
                if call_name(item.context_expr) == "DAG":
                    dag = {keyword.arg: value_of(keyword.value, constants) for keyword in item.context_expr.keywords}
        if isinstance(node, ast.Assign) and call_name(node.value) == "BashOperator":
            variable = node.targets[0].id
            tasks[variable] = {keyword.arg: value_of(keyword.value, constants) for keyword in node.value.keywords}
        if isinstance(node, ast.Expr):
            expression = node.value
            if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.RShift):
                names = chain_names(expression)
                edges.extend([names[index], names[index + 1]] for index in range(len(names) - 1))
            elif isinstance(expression, ast.Call) and isinstance(expression.func, ast.Attribute):
                method = expression.func.attr
                owner = expression.func.value.id
                other = expression.args[0].id
                if method == "set_downstream":
                    edges.append([owner, other])
                elif method == "set_upstream":
                    edges.append([other, owner])

    by_variable = {variable: task["task_id"] for variable, task in tasks.items()}
    return {
        "constants": constants,
        "calls": calls,
        "default_args": default_args,
        "dag": dag,
        "tasks": {task["task_id"]: task for task in tasks.values()},
        "edges": [[by_variable[upstream], by_variable[downstream]] for upstream, downstream in edges],
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as dag_file:
        print(json.dumps(outline(dag_file.read())))
