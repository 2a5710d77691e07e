"""Widget state saved in a notebook, rendered as plain HTML for the static site.

A saved notebook keeps each widget's last state (``metadata.widgets``). Without a
kernel the controls cannot react, so they are shown as disabled form controls with
the value the notebook was saved with, and an Output widget shows its stored outputs
(charts with their text alternatives). Pure functions: no IPython, no network.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

State = Mapping[str, Mapping[str, Any]]
OutputRenderer = Callable[[list[dict]], str]

_BOXES = {"VBoxModel": "column", "HBoxModel": "row", "BoxModel": "column", "GridBoxModel": "row"}
_CHOICES = {"DropdownModel", "SelectModel", "RadioButtonsModel", "ToggleButtonsModel"}
_SLIDERS = {"IntSliderModel", "FloatSliderModel", "FloatLogSliderModel"}
_TEXTS = {"TextModel", "TextareaModel", "IntTextModel", "FloatTextModel", "BoundedIntTextModel",
          "BoundedFloatTextModel", "PasswordModel"}


def widget_states(metadata: Mapping[str, Any]) -> State:
    """The ``model_id -> {model_name, state}`` map saved in a notebook's metadata (may be empty)."""
    saved = metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return saved.get("state", {})


def _ref(value: str) -> str:
    return value.removeprefix("IPY_MODEL_")


def _label(description: str, control: str) -> str:
    if not description:
        return f'<label class="asm-w-control">{control}</label>'
    return (f'<label class="asm-w-control"><span class="asm-w-description">'
            f'{html.escape(description)}</span> {control}</label>')


def render_model(model_id: str, states: State, outputs: OutputRenderer) -> str:
    """HTML for the widget ``model_id`` and its children; '' when its state was not saved."""
    model = states.get(model_id)
    if model is None:
        return ""
    name, state = model.get("model_name", ""), model.get("state", {})
    description = str(state.get("description", ""))
    if name in _BOXES:
        children = "".join(render_model(_ref(c), states, outputs) for c in state.get("children", []))
        return f'<div class="asm-w-box asm-w-{_BOXES[name]}">{children}</div>'
    if name in ("HTMLModel", "HTMLMathModel"):
        # the course's own widgets write this HTML; it is rendered as the notebook showed it
        return _label(description, f'<span class="asm-w-html">{state.get("value", "")}</span>')
    if name == "LabelModel":
        return f'<span class="asm-w-label">{html.escape(str(state.get("value", "")))}</span>'
    if name == "OutputModel":
        return f'<div class="asm-w-output">{outputs(list(state.get("outputs", [])))}</div>'
    if name in _CHOICES:
        labels = list(state.get("_options_labels", []))
        index = state.get("index")
        options = "".join(
            f'<option{" selected" if i == index else ""}>{html.escape(str(text))}</option>'
            for i, text in enumerate(labels))
        return _label(description, f"<select disabled>{options}</select>")
    if name in _SLIDERS:
        value = state.get("value", "")
        control = (f'<input type="range" disabled min="{state.get("min", "")}" max="{state.get("max", "")}" '
                   f'step="{state.get("step", "")}" value="{value}" style="width:200px">'
                   f'<output class="asm-w-readout">{html.escape(str(value))}</output>')
        return _label(description, control)
    if name == "CheckboxModel":
        checked = " checked" if state.get("value") else ""
        return _label(description, f'<input type="checkbox" disabled{checked}>')
    if name in _TEXTS:
        value = html.escape(str(state.get("value", "")))
        return _label(description, f'<input type="text" disabled value="{value}">')
    if name in ("ButtonModel", "ToggleButtonModel"):
        return f'<button type="button" disabled>{html.escape(description)}</button>'
    return ""  # layout and style models, and widgets without a static look
