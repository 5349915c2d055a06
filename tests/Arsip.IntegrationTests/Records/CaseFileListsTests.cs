using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Arsip.Records;
using Arsip.ReferenceData;
using Marten;

namespace Arsip.IntegrationTests.Records;

/// <summary>
/// The daftar arsip aktif and daftar berkas (JSON, CSV, PDF read back) of berkas set up as events, the way the
/// berkas use cases append them: who may read a unit's lists, and that a secret letter is never listed nor counted
/// for someone outside its chain.
/// </summary>
public class CaseFileListsTests(ArsipApp app) : ArsipTest(app)
{
    private const string Agency = "kota-bekasi";

    /// <summary>What the class's berkas are built from, set up once after the class's reset.</summary>
    private sealed record Setup(Guid Umum, Guid Dinkes, Guid Hukum, Guid OpenFile, Guid ActiveFile, Guid InactiveFile, Guid DinkesFile, Guid SecretLetter, Guid UnfiledLetter);

    private static Task<Setup>? _setup;
    private static readonly object Gate = new();

    private Task<Setup> SetupAsync()
    {
        lock (Gate) return _setup ??= BuildAsync();
    }

    private async Task<Guid> RegisterAsync(string number, string subject, string level = "Biasa", string letterDate = "2026-11-20")
    {
        var response = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", new
        {
            sender = "Kecamatan Bekasi Timur", senderLetterNumber = number, letterDate, receivedOn = "2026-11-24",
            subject, classification = "000.5", securityLevel = level, urgency = "Biasa",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<RegisterIncomingLetterResponse>(response)).Id;
    }

    private async Task<Setup> BuildAsync()
    {
        var chart = (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var umum = chart.Units.Single(u => u.Code == "Umum").Id;
        var dinkes = chart.Units.Single(u => u.Code == "Dinkes").Id;
        var hukum = chart.Units.Single(u => u.Code == "Hukum").Id;
        var posyandu = await RegisterAsync("BK/1", "Laporan Kegiatan Posyandu", letterDate: "2026-09-02");
        var arsip = await RegisterAsync("BK/2", "Undangan Rapat Penataan Arsip", letterDate: "2026-11-20");
        var secret = await RegisterAsync("BK/3", "Hasil Pemeriksaan Khusus Bendahara", "Rahasia");
        var old = await RegisterAsync("BK/4", "Pengadaan Lemari Arsip 2020", letterDate: "2020-03-05");
        var unfiled = await RegisterAsync("BK/5", "Surat Yang Tidak Diberkaskan");
        var health = await RegisterAsync("BK/6", "Data Imunisasi Puskesmas");

        var at = App.Clock.GetUtcNow();
        var (open, active, inactive, dinkesFile) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using var session = App.Store.LightweightSession(Agency);
        void Create(Guid id, Guid unit, int year, int number, string title, SecurityLevel level = SecurityLevel.Biasa, bool vital = false, params Guid[] letters)
        {
            session.Events.StartStream<CaseFile>(id,
                new CaseFileCreated(id, unit, year, number, "000.5", title, null, null, null, level, vital, Guid.NewGuid(), "Arsiparis Uji", at),
                new LettersFiled(id, letters.Select(l => new FiledLetter(l, LetterDirection.Incoming)).ToArray(), null, null, Guid.NewGuid(), "Arsiparis Uji", at));
            foreach (var letter in letters)
                session.Events.Append(letter, new LetterFiledInCaseFile(letter, id, null, null, Guid.NewGuid(), "Arsiparis Uji", at));
        }
        FixedRetention TwoYears() => new(1, "000.5", 2, 3, FinalAction.Musnah, RetentionTrigger.CaseFileClosed);

        Create(open, umum, 2026, 1, "Kegiatan Posyandu dan Penataan Arsip", vital: true, letters: [posyandu, arsip, secret]);
        Create(active, umum, 2026, 2, "Penataan Ruang Arsip Sekretariat");
        session.Events.Append(active, new CaseFileClosed(active, new DateOnly(2026, 11, 20), TwoYears(), Guid.NewGuid(), "Arsiparis Uji", at));
        Create(inactive, umum, 2020, 1, "Pengadaan Sarana Kearsipan 2020", letters: [old]);
        session.Events.Append(inactive, new CaseFileClosed(inactive, new DateOnly(2023, 1, 10), TwoYears(), Guid.NewGuid(), "Arsiparis Uji", at));
        Create(dinkesFile, dinkes, 2026, 1, "Imunisasi Dasar Lengkap", letters: [health]);
        await session.SaveChangesAsync();
        return new Setup(umum, dinkes, hukum, open, active, inactive, dinkesFile, secret, unfiled);
    }

    private static string Text(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("arsip-list-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "list.pdf"), pdf);
            return Tool("pdftotext", "-layout", Path.Combine(folder, "list.pdf"), "-").Output;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs a poppler or qpdf tool, failing (never skipping) when it is missing: ops/test installs them.</summary>
    private static (int ExitCode, string Output) Tool(string tool, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new Xunit.Sdk.XunitException($"{tool} is not installed (apt-get install poppler-utils qpdf; ops/test installs them).");
        }
    }

    /// <summary>Writes a document to bin/.../TestResults/documents/ to look at (pdftoppm -r 60 -png).</summary>
    private static string Keep(string name, byte[] pdf)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "documents");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    private static string[] CsvLines(byte[] csv)
    {
        csv.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "UTF-8 with a byte order mark");
        return Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task The_active_records_list_has_open_and_still_active_berkas_with_the_letters_the_caller_may_see()
    {
        var s = await SetupAsync();

        var archivist = await (await As("arsiparis")).GetFromJsonAsync<CaseFileListing>($"/api/case-files/active-records?unitId={s.Umum}", ArsipApp.Json);
        archivist!.UnitName.ShouldBe("Bagian Umum");
        archivist.AsOf.ShouldBe(new ArsipClock(App.Clock).Today); // other tests move the shared clock forward
        // the 2020 berkas, inactive since its active period ended on 10 January 2025, and Dinkes's are not on it
        archivist.CaseFiles.Select(f => f.Id).ShouldBe([s.OpenFile, s.ActiveFile]);
        var open = archivist.CaseFiles[0];
        open.Items.Select(i => i.Subject).ShouldBe(["Laporan Kegiatan Posyandu", "Undangan Rapat Penataan Arsip"]); // by letter date
        open.Count.ShouldBe(2, "the Rahasia letter is outside the archivist's chain: neither listed nor counted");
        open.Items.ShouldAllBe(i => i.Development == "Asli");
        open.Items[0].Description.ShouldBe("Laporan Kegiatan Posyandu; nomor BK/1; tanggal 2 September 2026");
        open.Period.ShouldBe("September\u2013November 2026");
        open.Stage.ShouldBe(RetentionStage.Open);
        open.Remarks.ShouldContain("arsip vital");
        var active = archivist.CaseFiles[1];
        active.Stage.ShouldBe(RetentionStage.Active);
        active.ActiveUntil.ShouldBe(new DateOnly(2028, 11, 20));
        active.Remarks.ShouldContain("aktif s.d. 20 November 2028");

        // the registrar who entered the secret letter may see it, so it is listed and counted for them
        var registrar = await (await As("registrar")).GetFromJsonAsync<CaseFileListing>("/api/case-files/active-records", ArsipApp.Json);
        registrar!.UnitId.ShouldBe(s.Umum, "without unitId the caller's own unit");
        registrar.CaseFiles[0].Count.ShouldBe(3);
        registrar.CaseFiles[0].Items.ShouldContain(i => i.LetterId == s.SecretLetter);

        // the unit filter and the year filter
        var auditor = await As("auditor");
        var dinkes = await auditor.GetFromJsonAsync<CaseFileListing>($"/api/case-files/active-records?unitId={s.Dinkes}", ArsipApp.Json);
        dinkes!.CaseFiles.Select(f => f.Id).ShouldBe([s.DinkesFile]);
        dinkes.CaseFiles[0].Items.Single().Subject.ShouldBe("Data Imunisasi Puskesmas");
        (await auditor.GetFromJsonAsync<CaseFileListing>($"/api/case-files/active-records?unitId={s.Umum}&year=2025", ArsipApp.Json))!.CaseFiles.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_active_records_list_is_a_CSV_with_one_row_per_item_and_Indonesian_headers()
    {
        var s = await SetupAsync();
        var response = await (await As("arsiparis")).GetAsync($"/api/case-files/active-records?unitId={s.Umum}&format=csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe($"daftar-arsip-aktif-bagian-umum-{new ArsipClock(App.Clock).Today:yyyyMMdd}.csv");
        var lines = CsvLines(await response.Content.ReadAsByteArrayAsync());
        lines[0].ShouldBe("Nomor berkas,Kode klasifikasi,Uraian informasi berkas,Kurun waktu,Jumlah item,Keterangan berkas,Nomor item,Uraian informasi arsip,Tingkat perkembangan,Jumlah,Keterangan");
        lines.Length.ShouldBe(1 + 2 + 1); // two visible items of the open berkas, one row for the empty closed berkas
        lines[1].ShouldStartWith("1/2026,000.5,Kegiatan Posyandu dan Penataan Arsip,September\u2013November 2026,2,");
        lines[1].ShouldContain(",1,Laporan Kegiatan Posyandu; nomor BK/1; tanggal 2 September 2026,Asli,1 naskah,");
        lines[2].ShouldContain(",2,Undangan Rapat Penataan Arsip; nomor BK/2; tanggal 20 November 2026,Asli,");
        lines[3].ShouldStartWith("2/2026,000.5,Penataan Ruang Arsip Sekretariat,-,0,");
        lines[3].ShouldEndWith(",,,,,");
        string.Join("\n", lines).ShouldNotContain("Pemeriksaan Khusus");
        string.Join("\n", lines).ShouldNotContain("Sarana Kearsipan 2020");

        (await (await As("registrar")).GetStringAsync("/api/case-files/active-records?format=csv")).ShouldContain("Hasil Pemeriksaan Khusus Bendahara");
    }

    [Fact]
    public async Task The_active_records_PDF_is_a_landscape_PDF_A_with_the_kop_and_page_numbers_and_no_secret_letter()
    {
        var s = await SetupAsync();
        var response = await (await As("arsiparis")).GetAsync($"/api/case-files/active-records.pdf?unitId={s.Umum}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var path = Keep("daftar-arsip-aktif.pdf", pdf);

        var text = Text(pdf);
        text.ShouldContain("PEMERINTAH KOTA BEKASI");
        text.ShouldContain("DAFTAR ARSIP AKTIF");
        text.ShouldContain($"Unit pengolah: Bagian Umum, keadaan {Arsip.Pdf.IndonesianDate.Format(new ArsipClock(App.Clock).Today)}");
        text.ShouldContain("Kegiatan Posyandu dan");
        text.ShouldContain("Laporan Kegiatan Posyandu;");
        text.ShouldContain("Tingkat");
        text.ShouldContain("Halaman 1 dari 1");
        text.ShouldNotContain("Pemeriksaan Khusus");
        text.ShouldNotContain("Sarana Kearsipan");

        var info = Tool("pdfinfo", path).Output;
        info.ShouldContain("Pages:           1");
        info.ShouldMatch(@"Page size:\s+\d+(\.\d+)? x \d+(\.\d+)? pts");
        var size = System.Text.RegularExpressions.Regex.Match(info, @"Page size:\s+([\d.]+) x ([\d.]+)");
        double.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(double.Parse(size.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), "landscape");
        Tool("pdfinfo", "-meta", path).Output.ShouldContain("pdfaid:part");
        var check = Tool("qpdf", "--check", path);
        check.ExitCode.ShouldBe(0, check.Output);
    }

    [Fact]
    public async Task The_register_lists_every_berkas_of_the_year_as_PDF_and_CSV()
    {
        var s = await SetupAsync();
        var archivist = await As("arsiparis");

        var csv = await archivist.GetAsync($"/api/case-files/register.csv?unitId={s.Umum}&year=2026");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        var lines = CsvLines(await csv.Content.ReadAsByteArrayAsync());
        lines[0].ShouldBe("Nomor berkas,Kode klasifikasi,Uraian informasi berkas,Kurun waktu,Jumlah,Keterangan");
        lines.Length.ShouldBe(3);
        lines[1].ShouldStartWith("1/2026,000.5,Kegiatan Posyandu dan Penataan Arsip,September\u2013November 2026,2 item,Terbuka; arsip vital");
        lines[2].ShouldStartWith("2/2026,000.5,Penataan Ruang Arsip Sekretariat,-,0 item,");
        lines[2].ShouldContain("retensi 2 th aktif, 3 th inaktif, Musnah");

        // the register keeps inactive berkas: 2020's is on its year's list
        var old = CsvLines(await archivist.GetByteArrayAsync($"/api/case-files/register.csv?unitId={s.Umum}&year=2020"));
        old.Length.ShouldBe(2);
        old[1].ShouldBe("1/2020,000.5,Pengadaan Sarana Kearsipan 2020,Maret 2020,1 item,\"Inaktif s.d. 10 Januari 2028; retensi 2 th aktif, 3 th inaktif, Musnah\"");

        var pdf = await archivist.GetByteArrayAsync($"/api/case-files/register.pdf?unitId={s.Umum}");
        var path = Keep("daftar-berkas.pdf", pdf);
        var text = Text(pdf);
        text.ShouldContain("DAFTAR BERKAS");
        text.ShouldContain("Unit pengolah: Bagian Umum, tahun 2026");
        text.ShouldContain("Penataan Ruang Arsip Sekretariat");
        text.ShouldNotContain("Sarana Kearsipan 2020");
        text.ShouldContain("Halaman 1 dari 1");
        Tool("pdfinfo", "-meta", path).Output.ShouldContain("pdfaid:part");
        Tool("qpdf", "--check", path).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task A_long_list_breaks_over_pages_each_numbered()
    {
        var s = await SetupAsync();
        var at = App.Clock.GetUtcNow();
        await using (var session = App.Store.LightweightSession(Agency))
        {
            for (var n = 0; n < 60; n++)
            {
                var id = Guid.CreateVersion7();
                session.Events.StartStream<CaseFile>(id, new CaseFileCreated(id, s.Hukum, 2019, n + 1, "000.5", $"Berkas Uji Halaman {n + 1}", null, null, null,
                    SecurityLevel.Biasa, false, Guid.NewGuid(), "Arsiparis Uji", at));
            }
            await session.SaveChangesAsync();
        }
        var pdf = await (await As("arsiparis")).GetByteArrayAsync($"/api/case-files/register.pdf?unitId={s.Hukum}&year=2019");
        var path = Keep("daftar-berkas-panjang.pdf", pdf);
        var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(Tool("pdfinfo", path).Output, @"Pages:\s+(\d+)").Groups[1].Value);
        pages.ShouldBeGreaterThan(1);
        var text = Text(pdf);
        text.ShouldContain($"Halaman {pages} dari {pages}");
        text.ShouldContain("Berkas Uji Halaman 60");
        // the header row repeats on every page
        System.Text.RegularExpressions.Regex.Matches(text, "Uraian informasi berkas").Count.ShouldBe(pages);
    }

    [Fact]
    public async Task Lists_refuse_another_agency_another_unit_and_bad_input_with_problem_details()
    {
        var s = await SetupAsync();

        // another agency's unit is not found under the caller's agency
        foreach (var url in new[] { "/api/case-files/active-records", "/api/case-files/active-records.pdf", "/api/case-files/register.pdf", "/api/case-files/register.csv" })
        {
            var other = await (await As("arsiparis", "kab-bekasi")).GetAsync($"{url}?unitId={s.Umum}");
            other.StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            other.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await other.Content.ReadAsStringAsync()).ShouldContain("tidak ditemukan");

            // an official of another unit of the same agency may not read Bagian Umum's lists
            var forbidden = await (await As("analis")).GetAsync($"{url}?unitId={s.Umum}");
            forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
            (await forbidden.Content.ReadAsStringAsync()).ShouldContain("(only the unit's members");

            (await Anonymous.GetAsync($"{url}?unitId={s.Umum}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, url);
            (await (await As("arsiparis")).GetAsync($"{url}?unitId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            (await (await As("arsiparis")).GetAsync($"{url}?unitId={s.Umum}&year=99999")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        }
        // a member reads their own unit's list without the agency-wide roles
        (await (await As("analis")).GetAsync("/api/case-files/active-records")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var format = await (await As("arsiparis")).GetAsync($"/api/case-files/active-records?unitId={s.Umum}&format=xlsx");
        format.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await format.Content.ReadAsStringAsync()).ShouldContain("format");
    }

    [Fact]
    public async Task Only_filed_letters_have_a_filing_document()
    {
        var s = await SetupAsync();
        await using var session = App.Store.QuerySession(Agency);
        (await session.LoadAsync<LetterFiling>(s.SecretLetter))!.CaseFileId.ShouldBe(s.OpenFile);
        (await session.LoadAsync<LetterFiling>(s.UnfiledLetter)).ShouldBeNull("a letter never filed has no filing, whatever else its stream holds");
        (await session.Query<LetterFiling>().CountAsync()).ShouldBe(5);
    }

    [Fact]
    public async Task The_openapi_document_names_the_lists_under_Arsip_with_their_statuses()
    {
        using var document = JsonDocument.Parse(await Anonymous.GetStringAsync("/api/openapi.json"));
        foreach (var route in new[] { "/api/case-files/active-records", "/api/case-files/active-records.pdf", "/api/case-files/register.pdf", "/api/case-files/register.csv" })
        {
            var get = document.RootElement.GetProperty("paths").GetProperty(route).GetProperty("get");
            get.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["Arsip"]);
            get.GetProperty("responses").EnumerateObject().Select(r => r.Name).ShouldBe(["200", "400", "401", "403", "404"], ignoreOrder: true);
        }
    }
}
