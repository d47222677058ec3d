"""The commands' engines that are not the product's screens: ``kiosk doctor`` (what is
wrong on this PC), ``kiosk bench`` (how fast the queue is) and ``kiosk demo`` (a demo
office's data, its logo and the supervisor that runs its windows). Composition code like
the CLI, which calls them; no Qt."""
