"""benchmarks/gui_responsiveness.py drives the real window through a few hooks: they must
reach the Train view's own button and form (the timings themselves are not tested)."""

import dataclasses
import sys
from pathlib import Path

from core.sgd import PRESETS

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import gui_responsiveness as bench


def test_the_benchmark_finds_the_train_view_s_button_form_and_state(window):
    assert bench.data_loaded(window) and not bench.is_running(window)
    assert bench.train_button(window) is window.train_view.train_button
    config = dataclasses.replace(PRESETS["nielsen-ch1"].config, seed=0)
    bench.fill_form(window, config)
    assert window.train_view.form.config() == config
    bench.show_train_view(window)
    assert window.tabs.currentWidget() is bench.train_view_widget(window)
    assert bench.current_model(window) is window.session.model
    # The issue-7 set-up: runs on the plots, the runs table and the mosaic visible, the plots' viewport.
    assert bench.runs_on_plots(window) == len(window.session.runs) >= 1  # the bundled network's history
    assert bench.inside_widgets_visible(window) == {"runs_table": True, "mosaic": True}
    assert bench.plot_viewport(window) is window.train_view.plot.viewport()
