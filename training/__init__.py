"""Training tools for the models quotes ships: not part of the engine, not in the wheel.

Run from the repository root, e.g. ``python -m training.stanza_models --ud ../shared/ud`` (the parser
models) or ``python -m training.roles_training`` (the role tagger); docs/models.md has every command.
"""
