# A text-command interpreter built on match.
state = {"room": "hall", "items": [], "log": []}
rooms = {"hall": ["north", "east"], "kitchen": ["south"], "garden": ["west"]}
moves = {("hall", "north"): "kitchen", ("kitchen", "south"): "hall", ("hall", "east"): "garden", ("garden", "west"): "hall"}
def execute(line):
    match line.split():
        case []:
            return "say something"
        case ["look"]:
            return f"you are in the {state['room']}; exits: {', '.join(rooms[state['room']])}"
        case ["go", direction] if direction in rooms[state["room"]]:
            state["room"] = moves[(state["room"], direction)]
            return f"you walk {direction} to the {state['room']}"
        case ["go", direction]:
            return f"you cannot go {direction}"
        case ["go"]:
            return "go where?"
        case ["take" | "get", *words] if words:
            item = " ".join(words)
            state["items"].append(item)
            return f"taken: {item}"
        case ["drop", item] if item in state["items"]:
            state["items"].remove(item)
            return f"dropped {item}"
        case ["drop", item]:
            return f"you have no {item}"
        case ["inventory" | "inv" | "i"]:
            return "carrying: " + (", ".join(state["items"]) or "nothing")
        case ["say", *words]:
            return "you say: " + " ".join(words)
        case [verb, *_]:
            return f"unknown verb {verb!r}"
for line in ["", "look", "go north", "look", "go north", "go", "take rusty key", "get lamp",
             "inv", "drop lamp", "drop sword", "go south", "go east", "say hello world", "dance wildly", "i"]:
    print(f"> {line}")
    print(execute(line))
