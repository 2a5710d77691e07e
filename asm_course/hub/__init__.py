"""The workshop server: JupyterHub for a class on one machine (``asm-course hub``).

``command`` is the CLI; ``config`` builds the JupyterHub configuration; ``classlist`` and
``passwords`` are pure helpers; ``jupyterhub_classes`` holds the authenticator and spawner
(it imports JupyterHub, from the optional extra ``hub`` of pyproject.toml).
"""
