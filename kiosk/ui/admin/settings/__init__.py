"""The admin window's settings tab (tab.py), its pages (pages.py, special_pages.py), the
form derived from the configuration model (form.py) and the editors and table columns
that show each field (editors.py, columns.py); the words in texts.py."""
