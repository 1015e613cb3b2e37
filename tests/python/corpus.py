"""Indonesian test documents written for these tests (no corpus text), and JSON Lines corpora
made of them, with the awkward cases a corpus holds: missing ids and dates, big and non-ASCII
ids, JSON escapes, control characters, U+2028, NUL, emoji, and bad lines."""
import json

SENTENCES = [
    "Gubernur Jawa Tengah meninjau tanggul yang jebol di Kabupaten Demak, Selasa (5/3/2024) siang.",
    "Wakil Presiden Ma'ruf Amin membuka muktamar di Surabaya pada 12 Januari 2025.",
    "Bank Indonesia menahan suku bunga acuan, kata Gubernur BI Perry Warjiyo, Kamis (21/11).",
    "Timnas Indonesia kalah 0-2 dari Jepang di Stadion Utama Gelora Bung Karno pekan lalu.",
    "Warga Desa Sukamaju, Kecamatan Cibinong, mengungsi sejak pukul 02.15 WIB dini hari.",
    "Lebaran 1 Syawal 1445 H jatuh pada Rabu, 10 April 2024, menurut Kementerian Agama.",
    "Presiden Prabowo Subianto bertolak ke Beijing, China, untuk bertemu Xi Jinping akhir "
    "Oktober 2024.",
    "Harga cabai di Pasar Kramat Jati naik menjelang Natal, ujar Siti Aminah, pedagang asal Garut.",
    "Sidang lanjutan digelar di Pengadilan Negeri Jakarta Selatan pada 3-5 Desember 2024.",
    "Menurut BMKG, hujan lebat berpotensi turun di Sulawesi Selatan dan Nusa Tenggara Timur besok.",
    "Menteri Keuangan Sri Mulyani tiba di Washington, AS, Senin (14/10/2024) pukul 09.00 waktu "
    "setempat.",
    "KPK memeriksa dua saksi; Juru bicara KPK menyebut pemeriksaan berlangsung hingga Jumat malam.",
]

# Strings that JSON writers escape differently, if at all (checked against the CLI's bytes).
AWKWARD = [
    'Kutipan "resmi" dari Joko Widodo\tdi Solo\\Surakarta, 1/2 hari, Rabu (6/11/2024).',
    "Baris\nbaru di Medan\r\ndan \x01 kendali \x1f serta \x7f hapus, Jokowi di Bali.",
    "Pemisah\u2028baris dan\u2029paragraf: Anies Baswedan di Jakarta.",
    "Emoji 🇮🇩 dan 𝄞 sebelum Surabaya, Jawa Timur; lalu Makassar.",
    "NUL\x00di tengah: Bandung, 17 Agustus 2024.",
    "Kata berhuruf é, ñ dan ü: Café Ñusa di Denpasar, Bali, kemarin.",
    "",
]


def texts(n):
    """N documents of one to four sentences, the awkward ones mixed in."""
    out = []
    for i in range(n):
        if i % 11 == 3:
            out.append(AWKWARD[i % len(AWKWARD)])
        else:
            out.append(" ".join(SENTENCES[(i * 7 + k) % len(SENTENCES)] for k in range(1 + i % 4)))
    return out


def documents(n, start=0):
    """N dicts {"id", "text", "date"} with varied ids (str, int, big, non-ASCII, null, none)
    and dates (none, null, "", full, one-digit, with a time)."""
    docs = []
    for i, text in enumerate(texts(n)):
        k = start + i
        doc = {"text": text}
        kind = k % 9
        if kind == 0:
            doc["id"] = f"berita/{k}"
        elif kind == 1:
            doc["id"] = k
        elif kind == 2:
            doc["id"] = 10**25 + k
        elif kind == 3:
            doc["id"] = f"artikel-é-{k}"
        elif kind == 4:
            doc["id"] = None
        elif kind == 5:
            pass  # no id: the line number
        else:
            doc["id"] = f"d{k}"
        dates = [None, "2024-11-06", "2024-3-5", "2024-11-03T08:00:00", "", "missing", None]
        date = dates[k % len(dates)]
        if date != "missing":
            doc["date"] = date
        docs.append(doc)
    return docs


def jsonl(docs):
    return "".join(json.dumps(d, ensure_ascii=k % 2 == 0) + "\n" for k, d in enumerate(docs))


# Lines the CLI turns into error objects, or (bad dates) annotates with a warning; the same
# messages through the binding.
BAD_LINES = [
    b'{"id": "rusak-utf8", "text": "Jakarta \xff\xfe dan Bogor"}',
    b'{"id": "tanggal-salah", "text": "Rapat di Bogor.", "date": "2024-02-30"}',
    b'{"id": "tanpa-teks", "judul": "Jakarta"}',
    b'{"id": 77, "text": 42}',
    b'{"id": "tanggal-angka", "text": "Bogor", "date": 20241106}',
    b'{"id": "tanggal-panjang", "text": "Bogor", "date": "Kamis, 17 Oktober 2024 pukul 10.00 WIB '
    b'menurut kantor berita resmi"}',
    b'{"text": "awal\xe2\x82 terpotong"}',
]
# Lines whose error message is json-c's in the CLI and Python's json module's in the binding.
NOT_JSON = [b"ini bukan JSON", b"[1, 2]", b"   ", b'{"id": "x", "text": "Bogor"} ekor']
