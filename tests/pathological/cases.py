"""Pathological inputs (after cmark's test/pathological_tests.py): each case makes a document of
about N bytes by repeating a pattern. Shared by tests/pathological/run.py (the work-count and
memory test) and tools/bench-pathological (time and peak memory at larger sizes).

The news text is written for this suite: invented persons and bodies, real places."""

NEWS = (
    "Jakarta - Menteri Perhubungan Darmaji Sukoreno meresmikan terminal baru di Bandara "
    "Internasional Sultan Hasanuddin, Makassar, pada Senin (4/11/2024) pukul 09.30 WITA. "
    "Menurut Darmaji, terminal itu menampung 12 juta penumpang per tahun. "
    "\"Kami ingin pelayanan yang lebih cepat,\" kata Darmaji kepada wartawan. "
    "Gubernur Sulawesi Selatan, Andi Lestari Pawennari, juga hadir bersama Ketua DPRD Makassar "
    "Rudi Hartawan. PT Angkasa Pura Nusantara Tbk menyiapkan dana Rp2,4 triliun sejak Januari "
    "2023.\n\n"
    "Sementara itu di Surabaya, Jawa Timur, Kepolisian Daerah Jawa Timur menangkap tiga orang "
    "pada Minggu malam (3/11). Kapolda Irjen Bambang Wiratmoko mengatakan para tersangka berasal "
    "dari Sidoarjo dan Gresik. Sidang pertama dijadwalkan 15 Desember 2024 di Pengadilan Negeri "
    "Surabaya.\n\n"
    "Presiden Republik Indonesia menerima Perdana Menteri Malaysia di Istana Merdeka, Jakarta "
    "Pusat, Selasa (5/11/2024). Keduanya membahas perdagangan, perbatasan di Kalimantan dan "
    "pekerja migran. Pertemuan berlangsung sekitar dua jam, dari pukul 10.00 hingga 12.00 WIB.\n\n"
)


def repeat(unit, n):
    """UNIT repeated to at least N bytes (whole repetitions)."""
    k = max(1, -(-n // len(unit.encode())))
    return unit * k


# name -> (function of the size, what it stresses)
CASES = {
    "news": (lambda n: repeat(NEWS, n), "ordinary news text"),
    "capitals": (lambda n: repeat("Anggoro Bintang Cahyadi Dewanto Erlangga ", n),
                 "one run of capitalized words in one sentence"),
    "parens": (lambda n: "(" * n, "an unbroken run of '('"),
    "digits": (lambda n: repeat("7" * 40000 + " ", n), "numbers of 40,000 digits"),
    "numbers": (lambda n: repeat("2024 ", n), "a run of number tokens"),
    "dates": (lambda n: repeat("12 Januari 2024, 3/11/2024 pukul 10.30 WIB, ", n),
              "date-like tokens, one after another"),
    "date-list": (lambda n: repeat("tanggal 1, 2, 3, 4 dan 5, ", n),
                  "day numbers waiting for a month that never comes"),
    "weekdays": (lambda n: repeat("Senin, Selasa, Rabu hingga Kamis ", n),
                 "weekdays joined into ranges"),
    "times": (lambda n: repeat("pukul 10.00-11.00 ", n), "times and ranges"),
    "minggu": (lambda n: repeat("Minggu (", n), "\"Minggu (\" repeated (a weekday, no date)"),
    "trigger": (lambda n: repeat("Presiden ", n), "one title word repeated"),
    "di-jakarta": (lambda n: repeat("di Jakarta, ", n), "one listed place, with a preposition"),
    "jakarta": (lambda n: repeat("Jakarta ", n), "one listed place repeated (aliases)"),
    "persons": (lambda n: repeat("kata Budi Santikara, Santikara, ", n),
                "a person and its short form repeated"),
    "no-spaces": (lambda n: "surel@contoh.id " + repeat("Kata_Kota-Desa.", n),
                  "a line with no spaces, with an @ in the document (e-mail scan)"),
    "lines": (lambda n: repeat("Bandung.\n", n), "one short sentence per line"),
    "quotes": (lambda n: repeat("\"", n), "an unbroken run of quotes"),
}
