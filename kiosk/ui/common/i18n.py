"""Every string the windows show, in Bahasa Indonesia and English.

A plain catalog rather than Qt's .ts/.qm machinery: two languages, a few dozen strings, and
tests (and a reviewer) can read both side by side. ``tr(key, lang, **values)`` formats with
``str.format``. Words are the office's own: antrean, nomor antrean, loket, layanan, pemohon,
petugas.
"""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.domain.dates import LANGUAGES as LANGUAGES

DEFAULT_LANGUAGE = LANGUAGES[0]

#: key -> (Bahasa Indonesia, English)
CATALOG: dict[str, tuple[str, str]] = {
    # language toggle: each language names itself
    "lang.id": ("Bahasa Indonesia", "Bahasa Indonesia"),
    "lang.en": ("English", "English"),
    # the home screen: the service tiles, Prioritas, the survey
    "home.priority": ("Prioritas", "Priority"),
    "home.survey": ("Isi survei kepuasan", "Satisfaction survey"),
    # services
    "services.title": ("Pilih layanan", "Choose a service"),
    "services.subtitle": (
        "Sentuh layanan untuk mengambil nomor antrean",
        "Touch a service to take a queue number",
    ),
    "services.subtitle_priority": (
        "Sentuh layanan yang Anda perlukan",
        "Touch the service you need",
    ),
    "services.loading": ("Memuat layanan...", "Loading the services..."),
    "services.waiting": ("{n} menunggu", "{n} waiting"),
    "services.none_waiting": ("Tidak ada antrean", "No one waiting"),
    "services.wait": ("sekitar {t}", "about {t}"),
    "services.wait_soon": ("segera dilayani", "served soon"),
    "services.quota_left": ("sisa kuota {n}", "{n} numbers left"),
    "services.refused": (
        "Maaf, layanan {name} tidak dapat dipilih saat ini.",
        "Sorry, {name} cannot be chosen right now.",
    ),
    "reason.closed_opens": ("Tutup · buka pukul {t}", "Closed · opens at {t}"),
    "reason.closed_done": ("Layanan hari ini sudah tutup", "Closed for today"),
    "reason.closed_today": ("Hari ini tutup", "Closed today"),
    "reason.quota": ("Kuota hari ini sudah habis", "Today's quota is used up"),
    "reason.inactive": ("Sedang tidak tersedia", "Not available at the moment"),
    # staff sign-in (counter and admin windows)
    "signin.locked": (
        "Akun ini dikunci sementara karena PIN salah {n} kali berturut-turut. Coba lagi "
        "dalam {wait}, atau minta admin membukanya.",
        "This account is locked for a while after {n} wrong PINs in a row. Try again in "
        "{wait}, or ask an admin to unlock it.",
    ),
    # common navigation
    "nav.back": ("Kembali", "Back"),
    "nav.home": ("Ke awal", "Start again"),
    # priority
    "priority.title": (
        "Apakah Anda pemohon prioritas?",
        "Do you need priority service?",
    ),
    "priority.subtitle": (
        "Pemohon prioritas dilayani lebih dahulu",
        "Priority applicants are served first",
    ),
    "priority.regular": ("Tidak / Reguler", "No / Regular"),
    "priority.category_title": ("Pilih kategori prioritas", "Choose your priority category"),
    "priority.for_service": ("Layanan: {name}", "Service: {name}"),
    # confirmation
    "confirm.your_number": ("Nomor antrean Anda", "Your queue number"),
    "confirm.priority": ("Prioritas: {name}", "Priority: {name}"),
    "confirm.ahead": ("Antrean di depan Anda", "People ahead of you"),
    "confirm.wait": ("Perkiraan waktu tunggu", "Estimated wait"),
    "confirm.wait_soon": ("Segera", "Soon"),
    "confirm.printing": ("Mencetak slip...", "Printing your slip..."),
    "confirm.printed": (
        "Silakan ambil slip Anda dan tunggu nomor Anda dipanggil.",
        "Please take your slip and wait for your number to be called.",
    ),
    "confirm.print_failed": (
        "Slip tidak dapat dicetak. Silakan catat nomor Anda; petugas dapat mencetak ulang.",
        "The slip could not be printed. Please note your number; an officer can reprint it.",
    ),
    "confirm.done": ("Selesai", "Done"),
    "confirm.countdown": (
        "Layar kembali ke awal dalam {s} detik",
        "Returning to the start in {s} seconds",
    ),
    # the database cannot be reached
    "unavailable.title": (
        "Sistem antrean sedang tidak tersedia, silakan hubungi petugas",
        "The queue system is not available right now, please ask an officer",
    ),
    "unavailable.retrying": ("Mencoba tersambung kembali...", "Trying to reconnect..."),
    # printer notice for applicants (staff get the details as an alert at the counters)
    "printer.notice": (
        "Printer slip sedang bermasalah. Nomor antrean Anda tetap tampil di layar.",
        "The slip printer is not working. Your queue number will be shown on screen.",
    ),
    # the satisfaction survey
    "survey.entry.title": ("Survei kepuasan masyarakat", "Satisfaction survey"),
    "survey.entry.subtitle": (
        "Pindai kode QR pada slip Anda, atau ketik nomor antrean Anda",
        "Scan the QR code on your slip, or type your queue number",
    ),
    "survey.entry.placeholder": ("Contoh: A-012", "For example: A-012"),
    "survey.entry.ok": ("Lanjut", "Continue"),
    "survey.entry.delete": ("Hapus", "Delete"),
    "survey.entry.checking": ("Memeriksa nomor antrean...", "Checking your queue number..."),
    "survey.entry.walkup": ("Tanpa nomor antrean", "Without a queue number"),
    "survey.entry.walkup_wait": (
        "Tersedia lagi dalam {s} detik",
        "Available again in {s} seconds",
    ),
    "survey.refused.token": (
        "Maaf, kode QR ini tidak dapat dikenali. Silakan hubungi petugas.",
        "Sorry, this QR code cannot be recognised. Please ask an officer.",
    ),
    "survey.refused.ticket": (
        "Maaf, nomor antrean {text} tidak ditemukan hari ini.",
        "Sorry, queue number {text} was not found today.",
    ),
    "survey.refused.answered": (
        "Terima kasih, survei untuk nomor {code} sudah diisi.",
        "Thank you, the survey for number {code} has already been answered.",
    ),
    "survey.refused.not_served": (
        "Survei untuk nomor {code} dapat diisi setelah Anda dilayani di loket.",
        "The survey for number {code} opens once you have been served at a counter.",
    ),
    "survey.refused.walkup": (
        "Maaf, survei tanpa nomor antrean baru saja diisi di anjungan ini. Silakan coba "
        "lagi dalam {s} detik.",
        "Sorry, a survey without a queue number was just answered at this kiosk. Please "
        "try again in {s} seconds.",
    ),
    "survey.refused.other": (
        "Maaf, survei tidak dapat dimulai saat ini.",
        "Sorry, the survey cannot be started right now.",
    ),
    "survey.profile.title": ("Tentang Anda", "About you"),
    "survey.profile.subtitle": (
        "Semua pilihan boleh dilewati. Kami tidak menanyakan nama atau NIK.",
        "Every choice is optional. We never ask your name or ID number.",
    ),
    "survey.profile.gender": ("Jenis kelamin", "Gender"),
    "survey.profile.age": ("Usia", "Age"),
    "survey.profile.education": ("Pendidikan", "Education"),
    "survey.profile.occupation": ("Pekerjaan", "Occupation"),
    "survey.profile.service": ("Layanan", "Service"),
    "survey.profile.skip": ("Lewati", "Skip"),
    "survey.profile.next": ("Lanjut  →", "Continue  →"),
    "survey.gender.L": ("Laki-laki", "Male"),
    "survey.gender.P": ("Perempuan", "Female"),
    "survey.occupation.Lainnya": ("Lainnya", "Other"),
    "survey.occupation.Swasta": ("Swasta", "Private sector"),
    "survey.occupation.Wirausaha": ("Wirausaha", "Self-employed"),
    "survey.question.progress": ("{n} / {total}", "{n} / {total}"),
    "survey.question.skip": ("Lewati", "Skip"),
    "survey.question.finish": ("Selesai", "Finish"),
    "survey.suggestion.title": ("Saran Anda (tidak wajib)", "Your suggestion (optional)"),
    "survey.suggestion.placeholder": (
        "Ketik saran Anda di sini...",
        "Type your suggestion here...",
    ),
    "survey.suggestion.count": ("{n} / {max}", "{n} / {max}"),
    "survey.suggestion.skip": ("Lewati", "Skip"),
    "survey.suggestion.send": ("Kirim", "Send"),
    "survey.suggestion.space": ("spasi", "space"),
    "survey.thanks.title": ("Terima kasih", "Thank you"),
    "survey.thanks.sending": ("Menyimpan jawaban Anda...", "Saving your answers..."),
    "survey.thanks.saved": (
        "Jawaban Anda membantu kami memperbaiki pelayanan.",
        "Your answers help us improve our service.",
    ),
    "survey.thanks.failed": (
        "Maaf, jawaban Anda tidak dapat disimpan. Silakan hubungi petugas.",
        "Sorry, your answers could not be saved. Please ask an officer.",
    ),
    # supervisor PIN pad
    "pin.title": ("Masukkan PIN penyelia", "Enter the supervisor PIN"),
    "pin.subtitle": ("Untuk menutup aplikasi kiosk", "To close the kiosk application"),
    "pin.wrong": ("PIN salah. Coba lagi.", "Wrong PIN. Try again."),
    "pin.checking": ("Memeriksa PIN...", "Checking the PIN..."),
    "pin.unavailable": (
        "PIN tidak dapat diperiksa: basis data tidak dapat dihubungi. Coba lagi sebentar.",
        "The PIN cannot be checked: the database cannot be reached. Try again shortly.",
    ),
    "pin.locked": (
        "Terlalu banyak PIN salah. Coba lagi dalam {wait}.",
        "Too many wrong PINs. Try again in {wait}.",
    ),
    "pin.not_set": (
        "Kiosk ini belum memiliki PIN keluar. Admin menetapkannya di jendela admin atau "
        "dengan perintah: kiosk kiosk set-exit-pin",
        "This kiosk has no exit PIN yet. An admin sets it in the admin window or with the "
        "command: kiosk kiosk set-exit-pin",
    ),
    "pin.cancel": ("Batal", "Cancel"),
    "pin.delete": ("Hapus", "Delete"),
    "pin.ok": ("Keluar", "Exit"),
    # time words
    "time.minutes": ("{m} menit", "{m} min"),
    "time.hours": ("{h} jam", "{h} h"),
    "time.hours_minutes": ("{h} jam {m} menit", "{h} h {m} min"),
}


def add_texts(texts: Mapping[str, tuple[str, str]]) -> None:
    """A window's own strings (kept beside the window), added to the one catalog.

    A key already there with other words is a programming error: two windows would
    silently show each other's text.
    """
    for key, pair in texts.items():
        if CATALOG.get(key, pair) != pair:
            raise ValueError(f"text key {key!r} is already used with other words")
        CATALOG[key] = pair


def tr(key: str, lang: str, /, **values: object) -> str:
    """The text for ``key`` in ``lang`` (unknown languages fall back to Indonesian)."""
    id_text, en_text = CATALOG[key]
    text = en_text if lang == "en" else id_text
    return text.format(**values) if values else text


def locked_text(minutes: int, attempts: int, lang: str) -> str:
    """An account locked after wrong PINs, with the wait left in words."""
    return tr("signin.locked", lang, n=attempts, wait=duration(minutes * 60, lang))


def duration(seconds: int, lang: str) -> str:
    """A wait in words, rounded up to whole minutes: "25 menit", "1 jam 5 menit"."""
    minutes = max(1, -(-seconds // 60))
    hours, rest = divmod(minutes, 60)
    if not hours:
        return tr("time.minutes", lang, m=minutes)
    if not rest:
        return tr("time.hours", lang, h=hours)
    return tr("time.hours_minutes", lang, h=hours, m=rest)
