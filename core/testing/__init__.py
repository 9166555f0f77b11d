"""Test support shared by every app: a world of organisations and people in each role, URL access
cases, the browser. Not imported by the running site."""
