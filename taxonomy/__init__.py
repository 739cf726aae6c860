"""Reading and importing the place and occupation taxonomy.

The operator downloads the reference files from SCB and JobTech (the format is described in
README.md); `import_taxonomy` reads them. Without them, a small built-in set lets the demo and
the tests run.
"""
