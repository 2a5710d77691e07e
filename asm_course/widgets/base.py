"""The shape every explorer app shares, and controls that read well and work by keyboard.

An app is a class in ``asm_course/widgets/mNN.py`` that:

1. builds its controls with :func:`slider`, :func:`int_slider`, :func:`choice`,
   :func:`radio`, :func:`number_box` or :func:`toggle` (each with a visible description, which is also its
   accessible name and its tooltip (ipywidgets would give the label the title "null"), and a width
   that keeps a slider's track at least 200 px wide); options are rows of buttons, never a
   drop-down list (in JupyterLab a focused list's arrow keys move the cell selection);
2. calls ``self.watch(*controls)`` so that any change runs ``update()``;
3. calls ``self.arrange(*rows)`` with the rows to show above the summary (``below=`` for a
   table under it) and the chart area;
4. implements ``update()``: one call into the domain module, the result kept in
   ``self.result``, the words in ``self.summary.value``, a chart through ``self.draw(...)``
   (an image whose alt text is the chart's description).

Tests drive an app by setting ``.value`` on a control and reading ``result`` and
``summary.value``; notebooks call ``apps.SomeApp(...).show()``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as w
import traitlets
from IPython.display import display
from matplotlib.axes import Axes

from asm_course.widgets.controls import fresh_chart, show_chart

DESCRIPTION_WIDTH = "16em"   # room for a label such as "Price (USD per troy ounce)"
CONTROL_WIDTH = "42em"       # 16em label + 26em: measured in Chromium, 38em left a 170-190 px track
TRACK_EM = 26                # the track (or box) beside the label, in em (>= 200 px once the readout is drawn)
_STYLE = {"description_width": DESCRIPTION_WIDTH}


def _layout(width: str = CONTROL_WIDTH) -> w.Layout:
    return w.Layout(width=width, max_width="100%")


def _label_style(description_width: str) -> dict[str, str]:
    return {"description_width": description_width}


def _beside(description_width: str) -> str:
    """The width of a control whose label takes ``description_width`` (in em): the track keeps its 26em."""
    if description_width == DESCRIPTION_WIDTH:
        return CONTROL_WIDTH
    return f"{float(description_width.removesuffix('em')) + TRACK_EM:g}em"


def slider(description: str, value: float, low: float, high: float, step: float,
           readout_format: str = ",.1f", description_width: str = DESCRIPTION_WIDTH) -> w.FloatSlider:
    """A float slider that updates when released (no flood of callbacks on a slow link);
    ``description_width`` (in em) for a label longer than 16em, the track stays 26em."""
    return w.FloatSlider(value=value, min=low, max=high, step=step, description=description, tooltip=description,
                         style=_label_style(description_width), layout=_layout(_beside(description_width)),
                         continuous_update=False, readout_format=readout_format)


def int_slider(description: str, value: int, low: int, high: int, step: int = 1) -> w.IntSlider:
    """A whole-number slider that updates when released."""
    return w.IntSlider(value=value, min=low, max=high, step=step, description=description, tooltip=description, style=_STYLE,
                       layout=_layout(), continuous_update=False, readout_format=",d")


def choice(description: str, options: Sequence[Any], value: Any = None,
           description_width: str = DESCRIPTION_WIDTH, width: str | None = None) -> w.ToggleButtons:
    """The control for picking one of a list (options as ``(label, value)`` pairs or plain values):
    a row of buttons, as wide as their labels, that wraps onto more rows for a long list (nine
    countries fit two rows at 1366 px), so every option stays visible. Tab reaches a button,
    Space or Enter chooses it; each button's tooltip names the choice (``description: option``).

    Never an ipywidgets ``Dropdown``: in JupyterLab the arrow keys on a focused ``<select>`` move
    the notebook's cell selection instead of the option, so a keyboard user cannot choose.
    ``width`` caps the control's width (default: the width of the app); ``description_width``
    for a long description."""
    chosen = value if value is not None else _first_value(options)
    return w.ToggleButtons(options=list(options), value=chosen, description=description, tooltip=description,
                           tooltips=_tooltips(description, options),
                           style={"description_width": description_width, "button_width": "auto"},
                           # a flex row: the label beside the buttons (ipywidgets puts it above them)
                           layout=w.Layout(display="flex", align_items="baseline", width=width or "auto",
                                           max_width="100%"))


def _tooltips(description: str, options: Sequence[Any]) -> list[str]:
    """``description: option label`` for each option of a :func:`choice`."""
    return [f"{description}: {o[0] if isinstance(o, tuple) else o}" for o in options]


def set_options(control: w.ToggleButtons, options: Sequence[Any]) -> None:
    """Give a :func:`choice` new options, with the tooltips that go with them."""
    with control.hold_trait_notifications():
        control.options = list(options)
        control.tooltips = _tooltips(control.description, options)


class Checklist(w.VBox):
    """Tick any number of options: a bold description over one check box per option.

    Used where a ``SelectMultiple`` list would be: in JupyterLab its arrow keys move the cell
    selection and picking several needs Ctrl+click, so a keyboard user cannot choose. Each box is
    reached with Tab and ticked with Space. ``value`` is the tuple of values ticked (in the order
    they were ticked or given) and can be observed like a control's; ``options`` are
    ``(label, value)`` pairs and can be replaced (ticks of options that remain are kept)."""

    value = traitlets.Tuple()

    def __init__(self, description: str, options: Sequence[tuple[str, Any]] = (), value: Sequence[Any] = ()) -> None:
        super().__init__(layout=w.Layout(width="100%"))
        self.description = description
        self._title = w.HTML(f"<b>{html.escape(description)}</b>")
        self._boxes: dict[Any, w.Checkbox] = {}
        self._options: tuple[tuple[str, Any], ...] = ()
        self._syncing = False
        self.observe(self._show_value, names="value")
        self.options = options
        self.value = tuple(value)

    @property
    def options(self) -> tuple[tuple[str, Any], ...]:
        return self._options

    @options.setter
    def options(self, options: Sequence[tuple[str, Any]]) -> None:
        self._options = tuple((str(label), value) for label, value in options)
        self._boxes = {}
        for label, value in self._options:
            box = w.Checkbox(value=False, description=label, tooltip=label, indent=False,
                             layout=w.Layout(width="max-content", max_width="100%"))
            box.observe(lambda change, v=value: self._ticked(v, change["new"]), names="value")
            self._boxes[value] = box
        self.children = (self._title, *self._boxes.values())
        self.value = tuple(v for v in self.value if v in self._boxes)
        self._show_value({"new": self.value})

    @traitlets.validate("value")
    def _known(self, proposal: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(dict.fromkeys(v for v in proposal["value"] if v in getattr(self, "_boxes", {})))

    def _ticked(self, value: Any, ticked: bool) -> None:
        if self._syncing:
            return
        kept = tuple(v for v in self.value if v != value)
        self.value = (*kept, value) if ticked else kept

    def _show_value(self, change: dict[str, Any]) -> None:
        self._syncing = True
        for value, box in self._boxes.items():
            box.value = value in change["new"]
        self._syncing = False


def radio(description: str, options: Sequence[Any], value: Any = None) -> w.RadioButtons:
    """A column of round buttons for options too long for a row of buttons; as wide as the
    longest option. Tab moves from option to option and Space chooses (ipywidgets' radio
    buttons are not one group, and in JupyterLab the arrow keys move the cell selection)."""
    chosen = value if value is not None else _first_value(options)
    return w.RadioButtons(options=list(options), value=chosen, description=description, tooltip=description, style=_STYLE,
                          layout=w.Layout(width="max-content", max_width="100%"))


def number_box(description: str, value: float, low: float, high: float, step: float = 0.1) -> w.BoundedFloatText:
    """A box to type a number in, wide enough to show it whole."""
    return w.BoundedFloatText(value=value, min=low, max=high, step=step, description=description, tooltip=description, style=_STYLE,
                              layout=_layout("28em"))


def toggle(description: str, value: bool = False) -> w.Checkbox:
    """An on/off box."""
    return w.Checkbox(value=value, description=description, tooltip=description, indent=False, layout=_layout("auto"))


def _first_value(options: Sequence[Any]) -> Any:
    first = list(options)[0]
    return first[1] if isinstance(first, tuple) else first


class App:
    """Base of every explorer app: a summary, a chart area, a result, ``watch``, ``arrange``, ``show``."""

    result: Any

    def __init__(self) -> None:
        self.summary = w.HTML()
        self.chart = w.HTML()   # the chart as an <img> with its alt text (controls.show_chart)
        self.widget = w.VBox(layout=w.Layout(max_width="1100px"))
        self.result = None

    def watch(self, *controls: w.ValueWidget, then: Callable[[], None] | None = None) -> None:
        """Run ``then`` (default: ``update``) whenever one of ``controls`` changes value."""
        action = then or self.update
        for control in controls:
            control.observe(lambda _change: action(), names="value")

    def arrange(self, *rows: w.Widget, below: Sequence[w.Widget] = (), chart: bool = True) -> None:
        """Lay out ``rows`` above the summary, ``below`` (e.g. a table) and the chart area under it,
        then compute once."""
        self.widget.children = (*rows, self.summary, *below, *((self.chart,) if chart else ()))
        self.update()

    def update(self) -> None:
        """Recompute from the controls; subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must define update()")

    def draw(self, make_chart: Callable[[], Axes | None], text: Callable[[Axes], str] | None = None) -> None:
        """Draw ``make_chart()`` into the chart area as an image whose alt text is ``text(ax)``
        (default: ``plots.describe(ax)``, the title, axes and values of a bar or range chart).

        ``make_chart`` is only called when a chart is wanted (see ``controls.fresh_chart``);
        it returns None when there is nothing to draw (the area is then emptied).
        """
        if not fresh_chart(self.chart):
            return
        ax = make_chart()
        if ax is None:
            self.chart.value = ""
        else:
            show_chart(self.chart, ax, text(ax) if text else None)

    def show(self) -> App:
        """Display the app in the notebook and return it (for tests and later reads)."""
        display(self.widget)
        return self
