def dues_demo_seed(union) -> None:
    pass
