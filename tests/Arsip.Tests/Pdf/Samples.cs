using Arsip.Pdf;
using SkiaSharp;

namespace Arsip.Tests.Pdf;

/// <summary>Realistic sample models shared by the PDF tests.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Generated = new(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(7));

    public static readonly PrintedLetterhead Bekasi = new()
    {
        EmblemPng = Emblem(),
        NameLines = ["PEMERINTAH KOTA BEKASI"],
        UnitName = "SEKRETARIAT DAERAH",
        Address = "Jalan Jenderal Ahmad Yani Nomor 1, Bekasi Selatan, Kota Bekasi, Jawa Barat 17141",
        Phone = "(021) 8896 1234",
        Email = "setda@bekasikota.go.id",
        Website = "www.bekasikota.go.id",
    };

    public static LetterDocument Letter(int paragraphs = 3) => new()
    {
        Kind = Arsip.Pdf.LetterKind.SuratDinas,
        KindName = "Surat Dinas",
        Letterhead = Bekasi,
        Number = "000.1.2/15/Setda",
        Place = "Bekasi",
        Date = new DateOnly(2026, 11, 24),
        Attachment = "1 (satu) berkas",
        Subject = "Penertiban Administrasi Persuratan dan Kearsipan di Lingkungan Pemerintah Kota Bekasi",
        Addressees = ["Kepala Perangkat Daerah", "di Lingkungan Pemerintah Kota Bekasi"],
        AddresseeLocation = "Bekasi",
        Body =
        [
            new TextParagraph("Dalam rangka mewujudkan tertib administrasi persuratan dan kearsipan sesuai dengan Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di Lingkungan Pemerintah Daerah, dengan hormat kami sampaikan hal-hal sebagai berikut:"),
            new ItemList(
            [
                "setiap surat masuk dicatat dalam buku agenda dan diberi nomor agenda pada hari yang sama;",
                "disposisi pimpinan ditindaklanjuti paling lambat sesuai batas waktu yang tercantum pada lembar disposisi;",
                "arsip aktif disimpan dalam berkas menurut kode klasifikasi arsip.",
            ]),
            .. Enumerable.Range(1, paragraphs).Select(i => new TextParagraph(
                $"Paragraf {i}. Seluruh perangkat daerah agar melaporkan pelaksanaan penertiban administrasi kepada Sekretaris Daerah melalui Bagian Umum paling lambat tanggal 15 Desember 2026, disertai daftar arsip aktif, daftar arsip inaktif yang akan dipindahkan, dan usulan jadwal retensi arsip yang perlu diperbarui.")),
            new TextParagraph("Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima kasih."),
        ],
        Signatory = new Signatory
        {
            TitleLines = ["a.n. WALI KOTA BEKASI", "SEKRETARIS DAERAH,"],
            Name = "Dr. H. REZA LUTHFI HASAN, M.Si.",
            Rank = "Pembina Utama Madya (IV/d)",
            Nip = "19680101 199003 1 005",
            VerificationUrl = "https://arsip.bekasikota.go.id/verifikasi/0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b",
        },
        CopyTo = ["Wali Kota Bekasi (sebagai laporan);", "Inspektur Kota Bekasi."],
        GeneratedAt = Generated,
    };

    public static LetterDocument NotaDinas() => Letter() with
    {
        Kind = Arsip.Pdf.LetterKind.NotaDinas,
        KindName = "Nota Dinas",
        Addressees = ["Kepala Bagian Umum"],
        From = "Sekretaris Daerah",
        CopyTo = ["Asisten Administrasi Umum"],
        Subject = "Laporan Penataan Arsip Inaktif",
        Body =
        [
            new TextParagraph("Sehubungan dengan rencana pemindahan arsip inaktif ke Depo Arsip Kota Bekasi, bersama ini kami minta Saudara menyampaikan daftar arsip yang akan dipindahkan."),
            new SimpleTable(["No.", "Unit Kerja", "Jumlah Berkas"], [["1", "Bagian Umum", "120"], ["2", "Bagian Hukum", "85"]]),
            new TextParagraph("Demikian untuk menjadi perhatian."),
        ],
    };

    public static LetterDocument Invitation() => Letter() with
    {
        Kind = Arsip.Pdf.LetterKind.SuratUndangan,
        KindName = "Surat Undangan",
        Subject = "Undangan Rapat Koordinasi Tertib Administrasi",
        Body =
        [
            new TextParagraph("Dengan hormat, kami mengundang Saudara untuk menghadiri rapat koordinasi yang akan diselenggarakan pada:"),
            new FieldList(
            [
                new Field("hari, tanggal", IndonesianDate.FormatWithDay(new DateOnly(2026, 12, 1))),
                new Field("waktu", "09.00 WIB s.d. selesai"),
                new Field("tempat", "Ruang Rapat Wali Kota, Gedung Pemerintah Kota Bekasi Lantai 2"),
                new Field("acara", "Evaluasi Penertiban Administrasi Persuratan"),
            ]),
            new TextParagraph("Mengingat pentingnya acara tersebut, dimohon hadir tepat waktu."),
        ],
    };

    public static RoutingSlipDocument RoutingSlip(int extraDispositions = 0) => new()
    {
        Letterhead = Bekasi,
        AgendaNumber = "0457/SM/2026",
        ReceivedOn = new DateOnly(2026, 11, 20),
        LetterNumber = "B-99/IJ/KP.07.6/11/2026",
        LetterDate = new DateOnly(2026, 11, 18),
        Origin = "Arsip Nasional Republik Indonesia",
        Subject = "Permintaan data jumlah arsip inaktif dan rencana pemusnahan arsip tahun 2027",
        Security = PrintedSecurity.Terbatas,
        Urgency = PrintedUrgency.Segera,
        Classification = "000.5.2",
        GeneratedAt = Generated,
        Dispositions =
        [
            new DispositionNode
            {
                FromPosition = "Sekretaris Daerah",
                Recipients = [new("Asisten Administrasi Umum", IsLead: true), new("Kepala Bagian Hukum")],
                Instructions = ["Tindak lanjuti", "Koordinasikan"],
                Note = "Siapkan data per perangkat daerah.",
                Deadline = new DateOnly(2026, 11, 27),
                Initials = new Initials("Reza Luthfi Hasan", new DateTimeOffset(2026, 11, 20, 10, 15, 0, TimeSpan.FromHours(7))),
                FollowUp = "Diteruskan",
                Children =
                [
                    new DispositionNode
                    {
                        FromPosition = "Asisten Administrasi Umum",
                        Recipients = [new("Kepala Bagian Umum", IsLead: true)],
                        Instructions = ["Selesaikan"],
                        Deadline = new DateOnly(2026, 11, 25),
                        Initials = new Initials("Siti Aminah", new DateTimeOffset(2026, 11, 21, 8, 5, 0, TimeSpan.FromHours(7))),
                        FollowUp = "Selesai: data dikirim 24 November 2026",
                    },
                ],
            },
            .. Enumerable.Range(1, extraDispositions).Select(i => new DispositionNode
            {
                FromPosition = "Kepala Bagian Umum",
                Recipients = [new($"Kepala Subbagian Tata Usaha {i}", IsLead: true)],
                Instructions = ["Untuk diketahui"],
                Initials = new Initials("Budi Santoso", new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(7))),
            }),
        ],
    };

    public static AgendaBookDocument AgendaBook(int rows, AgendaDirection direction = AgendaDirection.Incoming) => new()
    {
        Letterhead = Bekasi,
        Direction = direction,
        UnitName = "Bagian Umum",
        From = new DateOnly(2026, 1, 1),
        To = new DateOnly(2026, 12, 31),
        GeneratedAt = Generated,
        Entries = Enumerable.Range(1, rows).Select(i => new AgendaEntry
        {
            Number = $"{i:0000}",
            RegisteredOn = new DateOnly(2026, 1, 1).AddDays(i % 365),
            Correspondent = i % 3 == 0 ? "Dinas Kesehatan Kota Bekasi" : "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            LetterDate = new DateOnly(2026, 1, 1).AddDays(Math.Max(0, i % 365 - 2)),
            LetterNumber = $"800.1.11.1/{i}/Setda/2026",
            Subject = i % 7 == 0 ? "Undangan rapat koordinasi penertiban administrasi persuratan, kearsipan, dan tindak lanjut pengaduan masyarakat" : $"Laporan kegiatan nomor {i}",
            Attachments = i % 5 == 0 ? "1 berkas" : "-",
            ForwardedTo = "Kepala Bagian Umum",
            Remarks = i % 11 == 0 ? "Segera" : null,
        }).ToList(),
    };

    public static AuditReportDocument AuditReport(int events) => new()
    {
        Letterhead = Bekasi,
        LetterSummary =
        [
            new Field("Nomor", "000.1.2/15/Setda"),
            new Field("Tanggal", "24 November 2026"),
            new Field("Hal", "Penertiban Administrasi Persuratan dan Kearsipan"),
        ],
        GeneratedAt = Generated,
        Events = Enumerable.Range(1, events).Select(i => new AuditEvent(
            i,
            Generated.AddMinutes(i * 7),
            i % 2 == 0 ? "Siti Aminah" : "Budi Santoso",
            i % 2 == 0 ? "Kepala Bagian Umum" : "Pengadministrasi Umum",
            i == 1 ? "Draf dibuat" : i % 3 == 0 ? "Paraf" : "Dibaca",
            $"Versi {i}; catatan pemeriksa {i}",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i))))).ToList(),
    };

    /// <summary>A small shield drawn with Skia, standing in for a real emblem PNG.</summary>
    private static byte[] Emblem()
    {
        using var surface = SKSurface.Create(new SKImageInfo(120, 140));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        using var green = new SKPaint { Color = new SKColor(0x1B, 0x5E, 0x20), IsAntialias = true };
        using var gold = new SKPaint { Color = new SKColor(0xF9, 0xA8, 0x25), IsAntialias = true };
        canvas.DrawRoundRect(new SKRect(5, 5, 115, 110), 10, 10, green);
        canvas.DrawCircle(60, 60, 30, gold);
        canvas.DrawRect(new SKRect(30, 112, 90, 135), gold);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
