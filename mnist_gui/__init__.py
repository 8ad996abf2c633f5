"""The Qt desktop app of mnist-gui: Draw, Train and Browse views over ``core``."""
