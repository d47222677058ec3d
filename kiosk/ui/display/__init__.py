"""The lobby TV board (``kiosk run display``): who goes to which counter, the last calls,
who is waiting, a clock and a running text; every new call flashes and is announced."""
