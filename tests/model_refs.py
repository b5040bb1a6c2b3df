"""model_refs.py: the JSON of `replygen --dump-model` with its {"$ref": ...}
resolved, for the Python tests that read the model. The model holds each
code, command and enhanced code once, and every other place that shows it
refers to it with a JSON pointer ("#/codes/3"); resolving puts the
referred value itself in each such place."""


def resolve(model):
    def at(pointer):
        value = model
        for step in pointer[2:].split("/"):
            step = step.replace("~1", "/").replace("~0", "~")
            value = value[int(step)] if isinstance(value, list) else value[step]
        return value

    def walk(value):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in list(items):
            if isinstance(item, dict) and set(item) == {"$ref"}:
                value[key] = at(item["$ref"])
            elif isinstance(item, (dict, list)):
                walk(item)
    walk(model)
    return model
