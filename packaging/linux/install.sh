#!/bin/bash
# Install kiosk on a Debian 12 / Ubuntu 22.04+ office PC, for one or more window roles.
#
#   sudo packaging/linux/install.sh --role kiosk --build dist/kiosk [--db URL] [--user kiosk]
#   sudo packaging/linux/install.sh --role display --build dist/kiosk --db postgresql://...
#   sudo packaging/linux/install.sh --role counter --user siti --build dist/kiosk --db ...
#
# What it does (packaging/linux/README.md explains each step):
#   - copies the build (the PyInstaller folder with the "kiosk" program) to /opt/kiosk; an
#     older build is replaced as a whole and kept as /opt/kiosk.old;
#   - /usr/local/bin/kiosk: the command line, with the office's configuration;
#   - kiosk and display roles: the dedicated account (default "kiosk", created with no
#     password, in the groups kiosk and dialout), logged in automatically (LightDM or GDM),
#     the screen kept on and the PC kept from sleeping; counter and admin roles: the
#     officer's own existing account, given with --user;
#   - kiosk role: the printer's udev rule (/dev/kiosk-printer);
#   - /etc/kiosk/kiosk.toml from "kiosk config example", only if there is none: an office's
#     configuration is never overwritten;
#   - the systemd user unit kiosk-window@.service, and for each role an autostart entry in
#     the account's ~/.config/autostart plus an applications-menu entry;
#   - an SQLite office: the database folder /var/lib/kiosk and the daily backup timer;
#   - finally "kiosk doctor" as the account, and the next steps.
#
# Running it again changes nothing that is already right (it says "unchanged"); run it with
# a new build to update. --root DIR installs every file under DIR instead of / and skips
# accounts, udev, systemctl and file ownership: a dry run that can be inspected.
set -euo pipefail

readonly ALL_ROLES=(kiosk display counter admin)
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)

usage() {
    cat <<'EOF'
usage: install.sh --role ROLE[,ROLE...] --build DIR [--user NAME] [--db URL] [--root DIR]

  --role ROLE    kiosk (the lobby touch screen), display (the lobby TV), counter (an
                 officer's window), admin (supervisors); repeat or separate with commas
                 for a PC with several windows (give all of this account's roles at once:
                 entries of roles not named are removed)
  --build DIR    the unpacked build: a folder with the program "kiosk" (dist/kiosk)
  --user NAME    the account that runs the windows. kiosk/display: a dedicated account,
                 created if missing and logged in automatically (default: kiosk).
                 counter/admin: the officer's own desktop account (must exist)
  --db URL       the database for a new /etc/kiosk/kiosk.toml: postgresql://USER:PW@HOST/DB
                 for an office with several PCs (default: SQLite in /var/lib/kiosk, for a
                 one-PC office); an existing configuration is never changed
  --root DIR     install under DIR instead of /, without touching accounts, udev,
                 systemd or ownership (to look at what would be installed)
  -h, --help     this text
EOF
}

die() {
    printf 'install.sh: error: %s\n' "$*" >&2
    exit 2
}
say() { printf '%s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }

roles=()
build=""
user=""
db=""
root=""
while [ "$#" -gt 0 ]; do
    case "$1" in
        --role)
            [ "$#" -ge 2 ] || die "--role needs a value"
            IFS=',' read -r -a more <<<"$2"
            roles+=("${more[@]}")
            shift 2
            ;;
        --role=*)
            IFS=',' read -r -a more <<<"${1#*=}"
            roles+=("${more[@]}")
            shift
            ;;
        --build | --user | --db | --root)
            [ "$#" -ge 2 ] || die "$1 needs a value"
            case "$1" in
                --build) build=$2 ;;
                --user) user=$2 ;;
                --db) db=$2 ;;
                --root) root=$2 ;;
            esac
            shift 2
            ;;
        --build=*) build=${1#*=} && shift ;;
        --user=*) user=${1#*=} && shift ;;
        --db=*) db=${1#*=} && shift ;;
        --root=*) root=${1#*=} && shift ;;
        -h | --help)
            usage
            exit 0
            ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

[ "${#roles[@]}" -gt 0 ] || die "which window(s) does this PC run? --role kiosk|display|counter|admin"
declare -A want=()
for r in "${roles[@]}"; do
    case "$r" in
        kiosk | display | counter | admin) want[$r]=1 ;;
        *) die "unknown role '$r': kiosk, display, counter or admin" ;;
    esac
done
roles=()
for r in "${ALL_ROLES[@]}"; do
    if [ -n "${want[$r]:-}" ]; then roles+=("$r"); fi
done
lobby=""   # a dedicated, automatically logged-in account: kiosk and display PCs
if [ -n "${want[kiosk]:-}" ] || [ -n "${want[display]:-}" ]; then lobby=1; fi
if [ -z "$user" ]; then
    [ -n "$lobby" ] || die "the ${roles[*]} window runs in the officer's own desktop account: give it with --user NAME"
    user=kiosk
fi
[[ "$user" =~ ^[a-z_][a-z0-9_-]*$ ]] || die "--user: '$user' is not a valid account name"
[ -n "$build" ] || die "where is the build? --build DIR (the folder with the program kiosk)"
[ -d "$build" ] || die "--build: no folder $build"
build=$(cd -- "$build" && pwd)
if [ ! -f "$build/kiosk" ] || [ ! -x "$build/kiosk" ]; then
    die "--build: $build has no executable program 'kiosk'"
fi

staging=""
R=""
if [ -n "$root" ]; then
    staging=1
    mkdir -p -- "$root"
    R=$(cd -- "$root" && pwd)
    [ "$R" != "/" ] || die "--root /: leave --root out to install for real"
elif [ "$(id -u)" -ne 0 ]; then
    die "run as root (sudo), or give --root DIR to look at the files it would install"
fi

# --- helpers ------------------------------------------------------------------------------
changes=0
did=""   # set by put_* when they changed something
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT

changed() {
    changes=$((changes + 1))
    did=1
    say "  changed:   $*"
}
unchanged() { say "  unchanged: $*"; }

mode_is() { # PATH MODE: PATH has exactly this mode (octal)
    [ "$((8#$(stat -c %a -- "$1")))" -eq "$((8#$2))" ]
}

put_file() { # SRC DEST MODE: install SRC as DEST unless it is there already, same bytes and mode
    local src=$1 dest=$2 mode=$3
    did=""
    if [ -f "$dest" ] && [ ! -L "$dest" ] && cmp -s -- "$src" "$dest" && mode_is "$dest" "$mode"; then
        unchanged "${dest#"$R"}"
        return 0
    fi
    mkdir -p -- "$(dirname -- "$dest")"
    cp -- "$src" "$dest.install-new"
    chmod "$mode" -- "$dest.install-new"
    mv -f -- "$dest.install-new" "$dest"
    changed "${dest#"$R"}"
}

put_text() { # DEST MODE < content
    cat >"$tmp/put"
    put_file "$tmp/put" "$1" "$2"
}

put_dir() { # DIR MODE [OWNER:GROUP]
    local dir=$1 mode=$2 owner=${3:-}
    did=""
    if [ ! -d "$dir" ]; then
        mkdir -p -- "$dir"
        chmod "$mode" -- "$dir"
        changed "${dir#"$R"}/"
    elif ! mode_is "$dir" "$mode"; then
        chmod "$mode" -- "$dir"
        changed "${dir#"$R"}/ (mode $mode)"
    fi
    own "$owner" "$dir"
}

put_link() { # TARGET LINK: a symbolic link LINK -> TARGET
    local target=$1 link=$2
    did=""
    if [ -L "$link" ] && [ "$(readlink -- "$link")" = "$target" ]; then
        unchanged "${link#"$R"} -> $target"
        return 0
    fi
    mkdir -p -- "$(dirname -- "$link")"
    ln -sfn -- "$target" "$link"
    changed "${link#"$R"} -> $target"
}

new_dir() { # DIR MODE OWNER:GROUP: create a missing folder; an existing one is left as it is
    local dir=$1 mode=$2 owner=$3
    did=""
    if [ ! -d "$dir" ]; then
        mkdir -p -- "$dir"
        chmod "$mode" -- "$dir"
        own "$owner" "$dir"
        changed "${dir#"$R"}/"
    fi
}

own() { # OWNER:GROUP PATH...: chown (never under --root)
    local owner=$1
    shift
    if [ -n "$owner" ] && [ -z "$staging" ]; then chown -- "$owner" "$@"; fi
}

# kv_set FILE SECTION KEY VALUE SEP: "KEY<SEP>VALUE" right under [SECTION] of a TOML or INI
# file, replacing an active KEY line there (commented ones stay, as documentation); the
# section is appended when the file has none. Values go through the environment: awk -v
# would interpret backslashes.
kv_set() {
    KV_SECTION=$2 KV_KEY=$3 KV_VALUE=$4 KV_SEP=$5 awk '
        BEGIN { s = ENVIRON["KV_SECTION"]; k = ENVIRON["KV_KEY"]; line = k ENVIRON["KV_SEP"] ENVIRON["KV_VALUE"] }
        /^[[:space:]]*\[/ {
            inside = 0
            name = $0
            sub(/^[[:space:]]*\[[[:space:]]*/, "", name)
            sub(/[[:space:]]*\].*$/, "", name)
            if ($0 !~ /^[[:space:]]*\[\[/ && name == s) {
                inside = 1; found = 1
                print; print line; next
            }
        }
        inside {
            t = $0; sub(/^[[:space:]]*/, "", t)
            if (index(t, k) == 1 && substr(t, length(k) + 1) ~ /^[[:space:]]*=/) next
        }
        { print }
        END { if (!found) { print ""; print "[" s "]"; print line } }
    ' "$1" >"$1.kv" && mv -f -- "$1.kv" "$1"
}

# toml_get FILE TABLE KEY: the value of an active "KEY = ..." in [TABLE] (quotes removed).
toml_get() {
    KV_SECTION=$2 KV_KEY=$3 awk '
        BEGIN { s = ENVIRON["KV_SECTION"]; k = ENVIRON["KV_KEY"] }
        /^[[:space:]]*\[/ {
            name = $0
            sub(/^[[:space:]]*\[[[:space:]]*/, "", name)
            sub(/[[:space:]]*\].*$/, "", name)
            inside = ($0 !~ /^[[:space:]]*\[\[/ && name == s)
            next
        }
        inside {
            t = $0; sub(/^[[:space:]]*/, "", t)
            if (index(t, k) == 1 && substr(t, length(k) + 1) ~ /^[[:space:]]*=/) {
                v = substr(t, length(k) + 1); sub(/^[[:space:]]*=[[:space:]]*/, "", v)
                q = substr(v, 1, 1)
                if (q == "\"" || q == "\047") { v = substr(v, 2); sub(q ".*$", "", v) }
                else sub(/[[:space:]]*(#.*)?$/, "", v)
                print v; exit
            }
        }
    ' "$1"
}

toml_str() { # a TOML basic string
    local s=${1//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}

as_user() { # COMMAND...: run the installed program's command as the account, clean environment
    runuser -u "$user" -- env -i HOME="$home" USER="$user" LOGNAME="$user" LANG=C.UTF-8 \
        PATH=/usr/local/bin:/usr/bin:/bin KIOSK_CONFIG=/etc/kiosk/kiosk.toml \
        /opt/kiosk/kiosk "$@"
}

has_member() { # USER GROUP
    id -nG -- "$1" 2>/dev/null | tr ' ' '\n' | grep -qx -- "$2"
}

say "kiosk install: window(s) ${roles[*]} for the account '$user' from $build"
if [ -n "$staging" ]; then
    say "  (--root $R: files only; accounts, udev, systemd and ownership are left alone)"
fi

# --- the account --------------------------------------------------------------------------
say "account:"
if [ -n "$staging" ]; then
    home="/home/$user"
    say "  skipped under --root: '$user' in the groups kiosk${want[kiosk]:+ and dialout}"
else
    if ! id -u -- "$user" >/dev/null 2>&1; then
        [ -n "$lobby" ] || die "there is no account '$user' on this PC: give the officer's desktop account with --user"
        if getent group "$user" >/dev/null; then
            useradd --create-home --shell /bin/bash --comment "kiosk windows" --gid "$user" -- "$user"
        else
            useradd --create-home --shell /bin/bash --comment "kiosk windows" --user-group -- "$user"
        fi
        changed "created the account $user (no password: it only logs in automatically)"
    else
        unchanged "account $user"
    fi
    if ! getent group kiosk >/dev/null; then
        groupadd --system kiosk
        changed "created the group kiosk"
    fi
    groups_needed=(kiosk)
    if [ -n "${want[kiosk]:-}" ]; then groups_needed+=(dialout); fi
    for g in "${groups_needed[@]}"; do
        if has_member "$user" "$g"; then
            unchanged "$user is in the group $g"
        else
            usermod --append --groups "$g" -- "$user"
            changed "$user added to the group $g (takes effect at the next log-in)"
        fi
    done
    home=$(getent passwd -- "$user" | cut -d: -f6)
    if [ -z "$home" ] || [ ! -d "$home" ]; then die "the account $user has no home folder"; fi
fi
user_group=kiosk
if [ -z "$staging" ]; then user_group=$(id -gn -- "$user"); fi

# --- system libraries ---------------------------------------------------------------------
# The build carries Qt, but Qt's X11 plugin, sound and voice load these from the system;
# a desktop install usually has most of them, not always libxcb-cursor0 (Qt 6.5+).
say "system libraries:"
# Qt's X11 plugin: kiosk/qt_platform.py DEBIAN_PACKAGES (a test keeps the two equal).
qt_libs=(libxcb1 libx11-6 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
    libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1
    libfontconfig1)
system_libs=("${qt_libs[@]}" libpulse0 libspeechd2)
if [ -n "$staging" ]; then
    say "  skipped under --root: ${system_libs[*]}"
elif ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
    warn "not a Debian/Ubuntu system: make sure Qt's X11 libraries are installed (${system_libs[*]})"
else
    missing=()
    for lib in "${system_libs[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$lib" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$lib")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        unchanged "${system_libs[*]}"
    elif DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
        changed "installed ${missing[*]}"
    else
        warn "could not install ${missing[*]} (no network?): the windows may not start until they are (sudo apt install ${missing[*]})"
    fi
fi

# --- the build ----------------------------------------------------------------------------
say "program:"
opt="$R/opt/kiosk"
build_changed=""
if [ "$build" = "$opt" ]; then
    die "--build is the installed copy $opt itself: give the unpacked build"
fi
if [ -d "$opt" ] && diff -r -q --no-dereference -- "$build" "$opt" >/dev/null 2>&1; then
    unchanged "/opt/kiosk"
else
    mkdir -p -- "$R/opt"
    rm -rf -- "$opt.new"
    cp -R --preserve=mode,timestamps,links -- "$build" "$opt.new"
    chmod -R u+rwX,go+rX,go-w -- "$opt.new"
    if [ -z "$staging" ]; then chown -R root:root -- "$opt.new"; fi
    if [ -e "$opt" ]; then
        rm -rf -- "$opt.old"
        mv -- "$opt" "$opt.old"
    fi
    mv -- "$opt.new" "$opt"
    build_changed=1
    changed "/opt/kiosk (the previous build, if any, is /opt/kiosk.old)"
fi
put_text "$R/usr/local/bin/kiosk" 0755 <<'EOF'
#!/bin/sh
# kiosk's command line (installed by packaging/linux/install.sh): the office's configuration
# unless --config or KIOSK_CONFIG says otherwise. Run commands as the account that runs the
# windows, e.g.  sudo -u kiosk kiosk queue status
if [ -z "${KIOSK_CONFIG:-}" ] && [ -e /etc/kiosk/kiosk.toml ]; then
    KIOSK_CONFIG=/etc/kiosk/kiosk.toml
    export KIOSK_CONFIG
fi
exec /opt/kiosk/kiosk "$@"
EOF
put_file "$here/kiosk-session" "$R/usr/local/libexec/kiosk/kiosk-session" 0755
put_file "$here/README.md" "$R/usr/local/share/doc/kiosk/linux-README.md" 0644

# --- the configuration --------------------------------------------------------------------
say "configuration:"
put_dir "$R/etc/kiosk" 0750 root:kiosk
cfg="$R/etc/kiosk/kiosk.toml"
new_pin=""
if [ -e "$cfg" ]; then
    unchanged "/etc/kiosk/kiosk.toml (the office's own: never overwritten)"
    if [ -n "$db" ] && [ "$(toml_get "$cfg" database url)" != "$db" ]; then
        warn "--db is not applied: /etc/kiosk/kiosk.toml exists; set [database] url there yourself"
    fi
else
    HOME="$tmp" KIOSK_CONFIG="" KIOSK_DATABASE_URL="" "$opt/kiosk" config example >"$tmp/kiosk.toml" ||
        die "'kiosk config example' failed"
    {
        printf '# The configuration of this PC, written by install.sh on %s from\n' "$(date +%F)"
        printf '# "kiosk config example" (README.md lists every key). install.sh never changes\n'
        printf '# it again; check it after an edit with: sudo -u %s kiosk config check\n\n' "$user"
        cat "$tmp/kiosk.toml"
    } >"$tmp/kiosk.toml.new"
    mv -f -- "$tmp/kiosk.toml.new" "$tmp/kiosk.toml"
    kv_set "$tmp/kiosk.toml" database url "$(toml_str "${db:-sqlite:////var/lib/kiosk/kiosk.db}")" " = "
    if [ -n "${want[kiosk]:-}" ]; then
        # The printer by its udev name. (The exit PIN is never in this file: it goes into the
        # database as a hash, below.)
        kv_set "$tmp/kiosk.toml" printer port '"/dev/kiosk-printer"' " = "
        kv_set "$tmp/kiosk.toml" printer kind '"serial"' " = "
        kv_set "$tmp/kiosk.toml" kiosk name "$(toml_str "$(hostname)")" " = "
    fi
    put_file "$tmp/kiosk.toml" "$cfg" 0640
fi
own root:kiosk "$cfg"
if [ -z "$(find "$cfg" -perm -g=r)" ]; then
    chmod g+r -- "$cfg"
    changed "/etc/kiosk/kiosk.toml readable by the group kiosk"
fi

url=$(toml_get "$cfg" database url)
sqlite=""
case "$url" in
    "" | sqlite:*) sqlite=1 ;;
esac
if [ -n "$sqlite" ]; then
    say "  database: SQLite (${url:-the default file in the data folder of $user}): this PC is the whole office"
    put_dir "$R/var/lib/kiosk" 2770 "$user:kiosk"
    put_dir "$R/var/lib/kiosk/backups" 2770 "$user:kiosk"
    db_file=${url#sqlite:///}
    if [ -n "$url" ] && [[ "$db_file" == /var/lib/kiosk/* ]] && [ ! -e "$R$db_file" ]; then
        # An empty file is an empty SQLite database; made group-writable now, so that every
        # account of the group kiosk on this PC can use it (SQLite creates files 0644).
        install -m 0660 /dev/null "$R$db_file"
        own "$user:kiosk" "$R$db_file"
        changed "$db_file (empty)"
    fi
    if [ -z "$staging" ] && [ -n "$url" ] && [[ "$db_file" == /var/lib/kiosk/* ]]; then
        # The tables now, so that kiosk doctor finds them (the windows would make them too);
        # an up-to-date database is left as it is.
        if as_user db upgrade >"$tmp/upgrade" 2>&1; then
            say "  $(tail -n 1 "$tmp/upgrade")"
        else
            warn "kiosk db upgrade failed: $(cat "$tmp/upgrade")"
        fi
    fi
    if [ -z "${want[kiosk]:-}" ]; then
        warn "SQLite: this PC's database is its own; a display, counter or admin PC of an office with several PCs needs the office's PostgreSQL: set [database] url in /etc/kiosk/kiosk.toml (or install again with --db on a PC without a configuration)"
    fi
else
    say "  database: ${url%%://*} (a server shared by the office's PCs)"
fi
# The kiosk's exit PIN: a random one for an office that has none yet, kept only as a hash in
# the database (an office that has one keeps it; an admin changes it later).
exit_pin_said=""
if [ -n "${want[kiosk]:-}" ]; then
    if [ -n "$staging" ]; then
        exit_pin_said="later"
    else
        new_pin=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
        new_pin=$((100000 + new_pin % 900000))
        if printf '%s\n' "$new_pin" | as_user kiosk set-exit-pin --pin-stdin --if-unset \
            >"$tmp/exit-pin" 2>&1; then
            if grep -q "already has" "$tmp/exit-pin"; then
                new_pin=""
                exit_pin_said="kept"
            fi
        else
            new_pin=""
            exit_pin_said="later"
            warn "the kiosk's exit PIN could not be set: $(cat "$tmp/exit-pin")"
        fi
    fi
fi

# --- the printer --------------------------------------------------------------------------
if [ -n "${want[kiosk]:-}" ]; then
    say "printer:"
    put_file "$here/60-kiosk-printer.rules" "$R/etc/udev/rules.d/60-kiosk-printer.rules" 0644
    if [ -n "$did" ] && [ -z "$staging" ] && command -v udevadm >/dev/null; then
        udevadm control --reload
        udevadm trigger --subsystem-match=tty --action=add
        say "  udev rules reloaded"
    fi
fi

# --- systemd ------------------------------------------------------------------------------
say "systemd:"
system_changed=""
put_file "$here/kiosk-window@.service" "$R/etc/systemd/user/kiosk-window@.service" 0644
user_unit_changed=$did
if [ -n "$sqlite" ]; then
    put_text "$R/etc/systemd/system/kiosk-backup.service" 0644 \
        < <(sed "s/^User=kiosk\$/User=$user/" "$here/kiosk-backup.service")
    system_changed+=$did
    put_file "$here/kiosk-backup.timer" "$R/etc/systemd/system/kiosk-backup.timer" 0644
    system_changed+=$did
fi
if [ -n "$lobby" ]; then
    # Nobody is there to wake a kiosk PC up: it never sleeps (a masked target is a link to
    # /dev/null, as "systemctl mask" makes it).
    for target in sleep suspend hibernate hybrid-sleep; do
        put_link /dev/null "$R/etc/systemd/system/$target.target"
        system_changed+=$did
    done
fi
wants="$R/etc/systemd/system/timers.target.wants/kiosk-backup.timer"
if [ -n "$staging" ]; then
    if [ -n "$sqlite" ]; then
        put_link /etc/systemd/system/kiosk-backup.timer "$wants"
    fi
else
    if [ -n "$system_changed" ]; then
        systemctl daemon-reload
    fi
    if [ -n "$sqlite" ]; then
        if systemctl is-enabled --quiet kiosk-backup.timer && systemctl is-active --quiet kiosk-backup.timer; then
            unchanged "kiosk-backup.timer enabled"
        else
            systemctl enable --now --quiet kiosk-backup.timer
            changed "kiosk-backup.timer enabled (daily SQLite backup)"
        fi
    elif [ -e /etc/systemd/system/kiosk-backup.timer ] && systemctl is-enabled --quiet kiosk-backup.timer; then
        systemctl disable --now --quiet kiosk-backup.timer
        changed "kiosk-backup.timer disabled (the database is not SQLite)"
    fi
    if [ -n "$user_unit_changed$build_changed" ]; then
        # A running session of the account picks up the new unit and build now (best effort;
        # there may be no session).
        systemctl --user -M "$user@" daemon-reload >/dev/null 2>&1 || true
        if [ -n "$build_changed" ]; then
            systemctl --user -M "$user@" try-restart 'kiosk-window@*.service' >/dev/null 2>&1 || true
        fi
    fi
fi

# --- autostart and menu entries -----------------------------------------------------------
say "windows:"
autostart="$R$home/.config/autostart"
new_dir "$R$home/.config" 0755 "$user:$user_group"
new_dir "$autostart" 0755 "$user:$user_group"
for r in "${ALL_ROLES[@]}"; do
    entry="kiosk-window-$r.desktop"
    if [ -n "${want[$r]:-}" ]; then
        put_file "$here/$entry" "$R/usr/local/share/applications/$entry" 0644
        put_file "$here/$entry" "$autostart/$entry" 0644
        own "$user:$user_group" "$autostart/$entry"
    elif [ -e "$autostart/$entry" ]; then
        rm -f -- "$autostart/$entry"
        changed "removed ${autostart#"$R"}/$entry (not a role of this account any more)"
    fi
done
if [ -n "$lobby" ]; then
    # GNOME's first-log-in wizard would cover the kiosk.
    put_text "$R$home/.config/gnome-initial-setup-done" 0644 <<<"yes"
    own "$user:$user_group" "$R$home/.config/gnome-initial-setup-done"
fi
if [ -n "${want[kiosk]:-}" ] && [ -n "${want[display]:-}" ]; then
    warn "kiosk and display on one PC: give each its screen. As $user in the desktop, 'kiosk screens' lists them; then e.g. systemctl --user edit kiosk-window@display and add: [Service] Environment=KIOSK_SCREEN=HDMI-1 (and KIOSK_SCREEN=eDP-1 for kiosk-window@kiosk)"
fi

# --- automatic log-in ---------------------------------------------------------------------
autologin_done=""
if [ -n "$lobby" ]; then
    say "automatic log-in:"
    if [ -d "$R/etc/lightdm" ]; then
        put_text "$R/etc/lightdm/lightdm.conf.d/60-kiosk-autologin.conf" 0644 <<EOF
# kiosk (install.sh): log the kiosk account in automatically, at once.
[Seat:*]
autologin-user=$user
autologin-user-timeout=0
EOF
        autologin_done+=" LightDM"
        if [ -z "$staging" ] && getent group autologin >/dev/null && ! has_member "$user" autologin; then
            usermod --append --groups autologin -- "$user"
            changed "$user added to the group autologin"
        fi
    fi
    for gdm in "$R/etc/gdm3/daemon.conf" "$R/etc/gdm3/custom.conf"; do
        [ -f "$gdm" ] || continue
        cp -- "$gdm" "$tmp/gdm.conf"
        kv_set "$tmp/gdm.conf" daemon AutomaticLogin "$user" "="
        kv_set "$tmp/gdm.conf" daemon AutomaticLoginEnable true "="
        put_file "$tmp/gdm.conf" "$gdm" "$(stat -c %a -- "$gdm")"
        autologin_done+=" GDM"
    done
    if [ -z "$autologin_done" ]; then
        warn "no LightDM or GDM here: set up automatic log-in of '$user' in your display manager yourself (README.md, 'Automatic log-in')"
    fi
fi

# --- checks -------------------------------------------------------------------------------
if [ -n "${want[kiosk]:-}" ] && [ -z "$staging" ] &&
    dpkg-query -W -f='${Status}' brltty 2>/dev/null | grep -q 'install ok installed'; then
    warn "brltty is installed: it takes CH340 USB-serial printers away; without a braille display: sudo apt remove brltty"
fi

say "kiosk doctor:"
doctor_status=0
if [ -n "$staging" ]; then
    doctor_db=()
    if [ -n "$sqlite" ] && [[ "${url#sqlite:///}" == /var/lib/kiosk/* ]]; then
        doctor_db=(--db "sqlite:///$R${url#sqlite:///}")
    fi
    KIOSK_CONFIG="$cfg" "$opt/kiosk" "${doctor_db[@]}" doctor || doctor_status=$?
else
    as_user doctor || doctor_status=$?
fi
if [ "$doctor_status" -ne 0 ]; then
    warn "kiosk doctor found something to fix (above); after fixing it: sudo -u $user kiosk doctor"
fi

# --- next steps ---------------------------------------------------------------------------
say ""
if [ "$changes" -eq 0 ]; then
    say "Nothing to change: everything was installed already."
else
    say "Done ($changes change(s))."
fi
if [ -n "$new_pin" ]; then
    say "The kiosk's exit PIN (the exit chord Ctrl+Alt+Shift+Q, then this PIN): $new_pin"
    say "  it is kept only as a hash: write it down for the supervisors now. An admin changes it"
    say "  with: sudo -u $user kiosk kiosk set-exit-pin"
elif [ "$exit_pin_said" = kept ]; then
    say "The kiosk's exit PIN: the office's own, unchanged."
elif [ "$exit_pin_said" = later ]; then
    say "The kiosk's exit PIN is not set yet (without it the kiosk cannot be closed by the"
    say "  exit chord): once the database is reachable, sudo -u $user kiosk kiosk set-exit-pin"
fi
say "Next:"
if [ -n "${want[kiosk]:-}" ]; then
    say "  - plug in the printer, then: ls -l /dev/kiosk-printer && sudo -u $user kiosk printer test"
fi
if [ -n "$sqlite" ]; then
    say "  - SQLite keeps the whole office on this PC; backups: /var/lib/kiosk/backups (daily)"
fi
say "  - check /etc/kiosk/kiosk.toml (office name, services, counters), then: sudo -u $user kiosk doctor"
if [ -n "$lobby" ]; then
    say "  - reboot: the PC logs '$user' in and the ${roles[*]} window comes up by itself"
else
    say "  - log '$user' out and in again: the ${roles[*]} window starts at log-in (also in the applications menu)"
fi
say "  - packaging/linux/README.md (also /usr/local/share/doc/kiosk/linux-README.md) says the rest"
