"""Test support shared by the backends: server discovery (``servers``) and compliance-suite wiring (``compliance``)."""
