"""The board's voice without Qt: the call sentences, espeak-ng synthesis in-process (the
``espeakng-loader`` wheel carries the library and its data) and the announcement as one
PCM buffer (chime, then each language's sentence). The board plays that buffer; the CLI
writes it to a WAV file. No Qt here: import-linter keeps it so."""
