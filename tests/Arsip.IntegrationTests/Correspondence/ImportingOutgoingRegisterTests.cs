using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using MiniExcelLibs;

namespace Arsip.IntegrationTests.Correspondence;

/// <summary>#21, outgoing registers (buku agenda surat keluar): the web import's preview and problems, the run that writes letters in
/// their sent state with the register's numbers, the number templates' counters moved past them, duplicates, all-or-nothing, cancel and
/// the CLI. Each test numbers its own kind of naskah, so their counters do not meet.</summary>
public class ImportingOutgoingRegisterTests(ArsipApp app) : ArsipTest(app)
{
    private const string Header = "No.;Nomor surat;Tanggal surat;Tanggal kirim;Tujuan;Perihal;Kode klasifikasi;Jenis naskah;Keterangan";

    private async Task TemplateAsync(string kind, string template, string scope = "Agency") =>
        (await (await As("admin")).PutAsJsonAsync($"/api/letter-number-templates/{kind}", new { template, sequenceScope = scope })).EnsureSuccessStatusCode();

    private Task<(HttpResponseMessage Response, LegacyImport? Import)> UploadAsync(string csv, byte[]? scans = null, string kind = "outgoing") =>
        UploadAsync(Encoding.UTF8.GetBytes(csv), "agenda-keluar.csv", scans, kind);

    private async Task<(HttpResponseMessage Response, LegacyImport? Import)> UploadAsync(byte[] register, string fileName, byte[]? scans = null, string kind = "outgoing")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(register), "register", fileName);
        if (scans is not null) form.Add(new ByteArrayContent(scans) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } }, "scans", "pindaian.zip");
        form.Add(new StringContent(kind), "kind");
        var response = await (await As("registrar")).PostAsync("/api/legacy-imports", form);
        return (response, response.StatusCode == HttpStatusCode.Created ? await ReadAsync<LegacyImport>(response) : null);
    }

    private async Task<LegacyImport> RunToEndAsync(Guid id)
    {
        var registrar = await As("registrar");
        var started = await registrar.PostAsync($"/api/legacy-imports/{id}/run", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        return await EndOfAsync(id);
    }

    private async Task<LegacyImport> EndOfAsync(Guid id)
    {
        var registrar = await As("registrar");
        for (var i = 0; i < 600; i++)
        {
            var import = (await registrar.GetFromJsonAsync<LegacyImport>($"/api/legacy-imports/{id}", ArsipApp.Json))!;
            if (import.Finished) return import;
            await Task.Delay(100);
        }
        throw new TimeoutException("the import did not finish in 60 s");
    }

    private async Task<List<OutgoingLetterView>> OutgoingAsync()
    {
        var registrar = await As("registrar");
        var letters = new List<OutgoingLetterView>();
        for (var page = 1; ; page++)
        {
            var items = (await registrar.GetFromJsonAsync<OutgoingLetterPage>($"/api/outgoing-letters?pageSize=200&page={page}", ArsipApp.Json))!.Items;
            letters.AddRange(items);
            if (items.Count < 200) return letters;
        }
    }

    private async Task<OutgoingLetterView?> ByNumberAsync(string number) => (await OutgoingAsync()).SingleOrDefault(l => l.LetterNumber == number);

    /// <summary>A new letter of the kind through the whole workflow: drafted by the analyst, signed by the signatory; its number.</summary>
    private async Task<string> SignNewAsync(string kind, string signatoryTitle = "Sekretaris Daerah", string signer = "sekda")
    {
        var chart = (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var analis = await As("analis");
        var drafted = await analis.PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind, classification = "000.5", securityLevel = "Biasa", urgency = "Biasa", subject = "Surat sesudah impor",
            body = "Dengan hormat, kami sampaikan surat ini sesudah register lama diimpor.", attachments = (string?)null,
            addressees = new[] { new { name = "Kepala Dinas Kesehatan", positionId = chart.Positions.Single(p => p.Title == "Kepala Dinas Kesehatan").Id } },
            copyTo = Array.Empty<object>(), reviewers = Array.Empty<Guid>(),
            signatoryPositionId = chart.Positions.Single(p => p.Title == signatoryTitle).Id,
        });
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(drafted)).Id;
        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).EnsureSuccessStatusCode();
        var signed = await (await As(signer)).PostAsJsonAsync($"/api/outgoing-letters/{id}/sign", new { });
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        return (await ReadAsync<SignOutgoingLetterResponse>(signed)).LetterNumber;
    }

    /// <summary>Polls the import until <paramref name="seen"/> holds or it ends; its state then.</summary>
    private async Task<LegacyImport> WatchUntilAsync(Guid id, Func<LegacyImport, bool> seen)
    {
        var registrar = await As("registrar");
        for (var i = 0; i < 3000; i++)
        {
            var import = (await registrar.GetFromJsonAsync<LegacyImport>($"/api/legacy-imports/{id}", ArsipApp.Json))!;
            if (seen(import) || import.Finished) return import;
            await Task.Delay(20);
        }
        throw new TimeoutException("the import was not seen in the expected state in 60 s");
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries) => Zip(CompressionLevel.Optimal, entries);

    private static byte[] Zip(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, level).Open();
                entry.Write(content);
            }
        return buffer.ToArray();
    }

    [Fact]
    public async Task An_outgoing_register_becomes_sent_letters_with_its_numbers_searchable_by_scan_and_the_next_letter_continues_after_the_highest()
    {
        await TemplateAsync("surat-dinas", "{classification}/{sequence}/{unit}/{year}");
        var phrase = $"embung Cikarang {Guid.NewGuid():N}"[..28];
        var csv = string.Join("\n", Header,
            "1;000.5/101/Setda/2026;02/03/2026;03/03/2026;\"Kepala Dinas Kesehatan; Camat Bekasi Timur\";Undangan rapat situ Cibeureum;;Surat Dinas;dikirim lewat kurir",
            "2;000.5/0102/Setda/2026;04/03/2026;;Kepala Bappeda;Permintaan data kepegawaian;;;",
            "3;800/40/Setda/2025;10/10/2025;;Kepala BKPSDM;Usulan kenaikan pangkat;;;",
            "4;B/17/Umum/X/2025;11/10/2025;;Kepala Kantor Pos;Pengiriman dokumen;000.1;;");
        var scans = Zip(("000.5_101_Setda_2026.pdf", TestPdfs.Letter($"Rapat membahas {phrase} dan arsip inaktif.")));

        var (response, import) = await UploadAsync(csv, scans);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        import!.Kind.ShouldBe(RegisterKind.Outgoing);
        import.Problems.ShouldBeEmpty();
        import.Rows.ShouldBe(4);
        import.Scans.ShouldBe(1);
        import.Mapping.ShouldNotContainKey("Agenda");
        import.Mapping["Addressee"].ShouldBe(4);
        import.Mapping["SentOn"].ShouldBe(3);
        // an earlier year's number the template does not read is kept as written, said in the preview
        import.Notices.ShouldHaveSingleItem().Line.ShouldBe(5);
        (await ByNumberAsync("000.5/101/Setda/2026")).ShouldBeNull("nothing is written by the check");

        var done = await RunToEndAsync(import.Id);

        done.Status.ShouldBe(LegacyImportStatus.Done, done.Message ?? string.Join("; ", done.Problems));
        done.Imported.ShouldBe(4);
        done.ScansAttached.ShouldBe(1);
        var first = (await ByNumberAsync("000.5/101/Setda/2026"))!;
        first.Status.ShouldBe(OutgoingStatus.Dispatched);
        first.Sequence.ShouldBe(101);
        first.Year.ShouldBe(2026);
        first.LetterDate.ShouldBe(new DateOnly(2026, 3, 2));
        first.SentOn.ShouldBe(new DateOnly(2026, 3, 3));
        first.Content.Addressees.Select(a => a.Name).ShouldBe(["Kepala Dinas Kesehatan", "Camat Bekasi Timur"]);
        first.Content.Classification.ShouldBe("000.5", "taken from the number when the column is empty");
        first.Deliveries.Count.ShouldBe(2);
        first.Imported!.ImportId.ShouldBe(import.Id);
        first.Imported.Line.ShouldBe(2);
        first.Imported.Remarks.ShouldBe("dikirim lewat kurir");
        first.Files.ShouldHaveSingleItem().FileName.ShouldBe("000.5_101_Setda_2026.pdf");
        (await ByNumberAsync("000.5/0102/Setda/2026"))!.Sequence.ShouldBe(102);
        var kept = (await ByNumberAsync("B/17/Umum/X/2025"))!;
        kept.Sequence.ShouldBeNull();
        kept.Content.Classification.ShouldBe("000.1");

        // its history says it came from this import; its chain verifies as any letter's
        var registrar = await As("registrar");
        var history = (await registrar.GetFromJsonAsync<JsonElement[]>($"/api/letters/{first.Id}/history", ArsipApp.Json))!;
        history.Select(h => h.GetProperty("type").GetString()).ShouldBe(["outgoing_letter_imported", "outgoing_letter_file_added"]);
        history[0].GetProperty("data").GetProperty("importId").GetGuid().ShouldBe(import.Id);
        (await (await As("auditor")).GetFromJsonAsync<ChainVerification>($"/api/letters/{first.Id}/verify", ArsipApp.Json))!.Intact.ShouldBeTrue();
        var page = await registrar.GetStringAsync($"/surat-keluar/{first.Id}");
        page.ShouldContain("Diimpor dari register lama agenda-keluar.csv");

        // the counter moved past the highest imported number of the year: the next letter continues from there
        (await SignNewAsync("SuratDinas")).ShouldBe("000.5/103/Setda/2026");

        // searchable by its subject and by a word only its scan holds
        foreach (var word in new[] { "Cibeureum", phrase.Split(' ')[^1] })
            for (var i = 0; ; i++)
            {
                var found = await registrar.GetFromJsonAsync<JsonElement>("/api/search?q=" + Uri.EscapeDataString(word), ArsipApp.Json);
                if (found.GetProperty("hits").EnumerateArray().Any(h => h.GetProperty("id").GetGuid() == first.Id)) break;
                if (i == 100) throw new ShouldAssertException($"'{word}' did not find the imported letter in 20 s");
                await Task.Delay(200);
            }

        // the same register again: every number is taken, said row by row, and nothing is written
        var (_, again) = await UploadAsync(csv);
        again!.Problems.Select(p => p.Line).ShouldBe([2, 3, 4, 5]);
        again.Problems.ShouldAllBe(p => p.Message.Contains("sudah ada di instansi ini"));
        (await (await As("registrar")).PostAsync($"/api/legacy-imports/{again.Id}/run", null)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await (await As("registrar")).PostAsync($"/api/legacy-imports/{import.Id}/run", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "a finished run is not run again");
    }

    [Fact]
    public async Task Every_problem_is_listed_with_its_row_and_nothing_is_written()
    {
        await TemplateAsync("surat-keterangan", "{classification}/{sequence}/{unit}/{year}");
        var issued = await SignNewAsync("SuratKeterangan");
        var sequence = int.Parse(issued.Split('/')[1]);
        var csv = string.Join("\n", Header,
            $"1;474/{sequence + 10}/Setda/2026;02/02/2026;;Lurah Aren Jaya;Keterangan domisili;;surat keterangan;",
            $"2;474/{sequence + 10}/Setda/2026;03/02/2026;;Lurah Aren Jaya;Keterangan usaha;;surat keterangan;",
            $"3;475/{sequence + 10}/Setda/2026;03/02/2026;;Lurah Aren Jaya;Keterangan lain;;surat keterangan;",
            $"4;474/{sequence + 11}/Setda/2026;01/12/2026;;Lurah Aren Jaya;Tanggal depan;;surat keterangan;",
            "5;KET-99/2026;04/02/2026;;Lurah Aren Jaya;Nomor bentuk lain;474;surat keterangan;",
            $"6;474/{sequence + 12}/Setda/2026;04/02/2026;;;Tanpa tujuan;;surat keterangan;",
            $"7;{issued};04/02/2026;;Lurah Aren Jaya;Nomor yang sudah terbit;;surat keterangan;",
            $"8;474/{sequence + 13}/Setda/2026;04/02/2026;;Lurah Aren Jaya;Jenis salah;;surat cinta;",
            $"9;474/{sequence + 14}/Setda/2025;04/02/2026;;Lurah Aren Jaya;Tahun beda;;surat keterangan;");

        var (_, import) = await UploadAsync(csv);

        import!.Problems.Select(p => p.Line).ShouldBe([3, 4, 5, 6, 7, 8, 9, 10]);
        import.Problems[0].Message.ShouldContain("sudah ada di baris 2");
        import.Problems[1].Message.ShouldContain("Nomor urut");
        import.Problems[2].Message.ShouldContain("masa depan");
        import.Problems[3].Message.ShouldContain("tidak sesuai templat");
        import.Problems[4].Message.ShouldContain("Tujuan");
        import.Problems[5].Message.ShouldContain("sudah ada di instansi ini");
        import.Problems[6].Message.ShouldContain("Jenis naskah");
        import.Problems[7].Message.ShouldContain("berbeda");
        var run = await (await As("registrar")).PostAsync($"/api/legacy-imports/{import.Id}/run", null);
        run.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ByNumberAsync($"474/{sequence + 10}/Setda/2026")).ShouldBeNull();

        var (_, missing) = await UploadAsync("Nomor surat;Tanggal surat;Perihal\n1/A;02/02/2026;Perihal");
        missing!.Problems.ShouldHaveSingleItem().Line.ShouldBe(1);
        missing.Problems[0].Message.ShouldContain("Tujuan");
        (await UploadAsync(csv, kind: "bulanan")).Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_number_taken_between_check_and_run_fails_the_run_whole_and_leaves_the_counter_where_it_was()
    {
        await TemplateAsync("surat-edaran", "{classification}/{sequence}/SE/{year}");
        var first = string.Join("\n", Header, "1;400/301/SE/2026;02/04/2026;;Seluruh Kepala OPD;Edaran jam kerja;;Surat Edaran;");
        var second = string.Join("\n", Header,
            "1;400/301/SE/2026;02/04/2026;;Seluruh Kepala OPD;Edaran jam kerja;;Surat Edaran;",
            "2;400/350/SE/2026;03/04/2026;;Seluruh Kepala OPD;Edaran cuti bersama;;Surat Edaran;");
        // both are checked before either runs, so the second learns only in its run that 301 was taken meanwhile
        var (_, a) = await UploadAsync(first);
        var (_, b) = await UploadAsync(second);
        b!.Problems.ShouldBeEmpty();
        (await RunToEndAsync(a!.Id)).Status.ShouldBe(LegacyImportStatus.Done);

        var failed = await RunToEndAsync(b.Id);

        failed.Status.ShouldBe(LegacyImportStatus.Failed);
        failed.Problems.ShouldHaveSingleItem().Line.ShouldBe(2);
        (await ByNumberAsync("400/350/SE/2026")).ShouldBeNull("all or nothing");
        (await SignNewAsync("SuratEdaran")).ShouldBe("000.5/302/SE/2026", "the failed run's 350 did not move the counter");
    }

    [Fact]
    public async Task A_checked_outgoing_import_is_cancelled_and_writes_nothing()
    {
        var (_, import) = await UploadAsync(string.Join("\n", Header, "1;000.5/901/Setda/2026;02/05/2026;;Kepala Dinas;Akan dibatalkan;;;"));
        var registrar = await As("registrar");

        var cancelled = await registrar.DeleteAsync($"/api/legacy-imports/{import!.Id}/run");

        cancelled.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await ReadAsync<LegacyImport>(cancelled)).Status.ShouldBe(LegacyImportStatus.Cancelled);
        (await registrar.PostAsync($"/api/legacy-imports/{import.Id}/run", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ByNumberAsync("000.5/901/Setda/2026")).ShouldBeNull();
    }

    [Fact]
    public async Task A_cancel_while_the_letters_are_written_is_refused_as_too_late_and_the_register_is_imported_whole()
    {
        await TemplateAsync("pengumuman", "{classification}/{sequence}/PENG/{year}");
        const int rows = 1500;
        var csv = string.Join("\n", new[] { Header }.Concat(Enumerable.Range(1, rows).Select(n =>
            $"{n};000.5/{n}/PENG/2026;{1 + n % 28:00}/06/2026;;\"Camat Bekasi Utara; Camat Medan Satria\";Pengumuman penataan arsip ke-{n};;Pengumuman;")));
        var (_, import) = await UploadAsync(csv);
        import!.Problems.ShouldBeEmpty();
        import.Rows.ShouldBe(rows);
        var registrar = await As("registrar");
        (await registrar.PostAsync($"/api/legacy-imports/{import.Id}/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var writing = await WatchUntilAsync(import.Id, i => i.Phase == LegacyImportPhases.Writing);
        writing.Status.ShouldBe(LegacyImportStatus.Running, "the register is large enough to be seen while its letters are written");
        var cancel = await registrar.DeleteAsync($"/api/legacy-imports/{import.Id}/run");

        cancel.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await cancel.Content.ReadAsStringAsync()).ShouldContain("terlambat untuk membatalkan");
        var done = await EndOfAsync(import.Id);
        done.Status.ShouldBe(LegacyImportStatus.Done, done.Message ?? string.Join("; ", done.Problems));
        done.Imported.ShouldBe(rows);
        var letters = (await OutgoingAsync()).Where(l => l.Imported?.ImportId == import.Id).ToList();
        letters.Select(l => l.Sequence).Order().ShouldBe(Enumerable.Range(1, rows).Select(n => (int?)n), "every letter, none left out");
        letters.ShouldAllBe(l => l.Status == OutgoingStatus.Dispatched && l.Deliveries.Count == 2);
        (await SignNewAsync("Pengumuman")).ShouldBe($"000.5/{rows + 1}/PENG/2026");
    }

    [Fact]
    public async Task A_cancel_while_the_scans_are_stored_leaves_no_letter_and_the_counter_where_it_was_or_comes_too_late_for_a_whole_import()
    {
        await TemplateAsync("surat-tugas", "{classification}/{sequence}/TUGAS/{year}");
        const int rows = 60;
        var csv = string.Join("\n", new[] { Header }.Concat(Enumerable.Range(1, rows).Select(n =>
            $"{n};000.5/{n}/TUGAS/2026;{1 + n % 28:00}/07/2026;;Kepala Bagian Hukum;Tugas ke-{n};;Surat Tugas;")));
        // a megabyte each, unlike each other: storing them takes long enough to be cancelled midway
        var scans = Zip(CompressionLevel.NoCompression, [.. Enumerable.Range(1, rows).Select(n =>
        {
            var pdf = new byte[1024 * 1024];
            Random.Shared.NextBytes(pdf);
            "%PDF-1.4\n"u8.CopyTo(pdf);
            "\n%%EOF\n"u8.CopyTo(pdf.AsSpan(pdf.Length - 7));
            return ($"000.5_{n}_TUGAS_2026.pdf", pdf);
        })]);
        var (_, import) = await UploadAsync(csv, scans);
        import!.Problems.ShouldBeEmpty();
        import.Scans.ShouldBe(rows);
        var registrar = await As("registrar");
        (await registrar.PostAsync($"/api/legacy-imports/{import.Id}/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // On a quiet machine the 60 MB can be stored before the cancel lands: then the cancel is too late and the import is whole.
        // Either way it is all or nothing, never half; the cancel path itself is taken whenever the run is caught storing.
        await WatchUntilAsync(import.Id, i => i.Phase == LegacyImportPhases.StoringScans);
        var cancel = await registrar.DeleteAsync($"/api/legacy-imports/{import.Id}/run");
        var end = await EndOfAsync(import.Id);
        var ours = (await OutgoingAsync()).Count(l => l.Imported != null && l.Imported.ImportId == import.Id);
        await using var connection = new Npgsql.NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var counters = new Npgsql.NpgsqlCommand(
            $"select count(*) from {App.Store.Options.DatabaseSchemaName}.{Sequences.TableName} where tenant_id = 'kota-bekasi' and name ilike '%tugas%'", connection);
        var counterRows = Convert.ToInt64(await counters.ExecuteScalarAsync());
        if (cancel.StatusCode == HttpStatusCode.Accepted)
        {
            end.Status.ShouldBe(LegacyImportStatus.Cancelled, end.Message);
            end.Imported.ShouldBe(0);
            ours.ShouldBe(0);
            counterRows.ShouldBe(0, "the counter of surat tugas never moved");
        }
        else
        {
            cancel.StatusCode.ShouldBe(HttpStatusCode.Conflict, await cancel.Content.ReadAsStringAsync());
            end.Status.ShouldBe(LegacyImportStatus.Done, end.Message);
            ours.ShouldBe(rows);
            counterRows.ShouldBeGreaterThan(0, "the counter moved past the imported numbers");
        }
    }

    [Fact]
    public async Task An_xlsx_outgoing_register_is_imported_with_its_numbers_and_a_malformed_one_is_refused()
    {
        await TemplateAsync("berita-acara", "{classification}/{sequence}/BA/{year}");
        using var sheet = new MemoryStream();
        await sheet.SaveAsAsync(new[]
        {
            new Dictionary<string, object> { ["No."] = 1, ["Nomor surat"] = "000.5/61/BA/2026", ["Tanggal surat"] = new DateTime(2026, 7, 1), ["Tanggal kirim"] = new DateTime(2026, 7, 2),
                ["Tujuan"] = "Kepala Bagian Umum; Kepala Bagian Hukum", ["Perihal"] = "Berita acara penataan arsip", ["Jenis naskah"] = "Berita Acara", ["Berkas pindaian"] = "ba-61.pdf" },
            new Dictionary<string, object> { ["No."] = 2, ["Nomor surat"] = "000.5/62/BA/2026", ["Tanggal surat"] = new DateTime(2026, 7, 3), ["Tanggal kirim"] = new DateTime(2026, 7, 3),
                ["Tujuan"] = "Kepala Bagian Organisasi", ["Perihal"] = "Berita acara serah terima piket", ["Jenis naskah"] = "Berita Acara", ["Berkas pindaian"] = "" },
        }, excelType: ExcelType.XLSX);
        var scans = Zip(("ba-61.pdf", TestPdfs.Letter("Berita acara penataan arsip.")), ("000.5_62_BA_2026.pdf", TestPdfs.Letter("Berita acara serah terima piket.")));

        var (response, import) = await UploadAsync(sheet.ToArray(), "agenda-keluar.xlsx", scans);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        import!.Format.ShouldBe("xlsx");
        import.Kind.ShouldBe(RegisterKind.Outgoing);
        import.Problems.ShouldBeEmpty();
        import.Rows.ShouldBe(2);
        import.Scans.ShouldBe(2);
        import.Mapping["LetterDate"].ShouldBe(2);
        import.Mapping["Scan"].ShouldBe(7);
        import.Preview[0][2].ShouldBe("2026-07-01", "a date cell reads as a date");
        (await ByNumberAsync("000.5/61/BA/2026")).ShouldBeNull("nothing is written by the check");

        var done = await RunToEndAsync(import.Id);

        done.Status.ShouldBe(LegacyImportStatus.Done, done.Message ?? string.Join("; ", done.Problems));
        done.Imported.ShouldBe(2);
        done.ScansAttached.ShouldBe(2);
        var first = (await ByNumberAsync("000.5/61/BA/2026"))!;
        first.Status.ShouldBe(OutgoingStatus.Dispatched);
        first.Sequence.ShouldBe(61);
        first.LetterDate.ShouldBe(new DateOnly(2026, 7, 1));
        first.SentOn.ShouldBe(new DateOnly(2026, 7, 2));
        first.Content.Addressees.Select(a => a.Name).ShouldBe(["Kepala Bagian Umum", "Kepala Bagian Hukum"]);
        first.Files.ShouldHaveSingleItem().FileName.ShouldBe("ba-61.pdf");
        first.Imported!.Line.ShouldBe(2);
        var second = (await ByNumberAsync("000.5/62/BA/2026"))!;
        second.Files.ShouldHaveSingleItem().FileName.ShouldBe("000.5_62_BA_2026.pdf");
        (await SignNewAsync("BeritaAcara")).ShouldBe("000.5/63/BA/2026", "the counter moved past the highest imported number");

        // a damaged workbook, a ZIP that is no workbook, a worksheet without the outgoing register's columns: each named, and the run refused
        var damaged = sheet.ToArray()[..300];
        var noWorkbook = Zip(("surat.pdf", TestPdfs.Letter("Bukan register.")));
        using var wrongSheet = new MemoryStream();
        await wrongSheet.SaveAsAsync(new[] { new Dictionary<string, object> { ["Perihal"] = "Tanpa nomor", ["Tanggal surat"] = new DateTime(2026, 7, 4) } }, excelType: ExcelType.XLSX);
        foreach (var (bytes, expected) in new[] { (damaged, "XLSX rusak"), (noWorkbook, "XLSX rusak"), (wrongSheet.ToArray(), "Kolom wajib tidak ada") })
        {
            var (refusedUpload, refused) = await UploadAsync(bytes, "rusak.xlsx");
            refusedUpload.StatusCode.ShouldBe(HttpStatusCode.Created, "the file is kept to be shown with its problem");
            refused!.Problems.ShouldHaveSingleItem().Message.ShouldContain(expected);
            var run = await (await As("registrar")).PostAsync($"/api/legacy-imports/{refused.Id}/run", null);
            run.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            run.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await run.Content.ReadAsStringAsync()).ShouldContain(expected);
        }
    }

    [Fact]
    public async Task The_cli_imports_an_outgoing_register_per_unit_and_refuses_it_the_second_time()
    {
        await TemplateAsync("nota-dinas", "{classification}/{sequence}/{unit}/{year}", "Unit");
        var csv = string.Join("\n", "Nomor surat;Tanggal surat;Tujuan;Perihal;Jenis naskah",
            "000.8/40/OR/2026;05/06/2026;Sekretaris Daerah;Telaah SOP;nota dinas",
            "000.8/41/OR/2026;06/06/2026;Sekretaris Daerah;Telaah SOP lanjutan;nota dinas",
            "000.8/77/Setda/2026;06/06/2026;Wali Kota;Laporan;nota dinas");
        Task<ImportResult> ImportAsync() => ImportLegacyRegister.ImportOutgoingAsync(App.Store, "kota-bekasi", new StringReader(csv), "nota.csv", new ArsipClock(App.Clock), "registrar");

        var result = await ImportAsync();

        result.Errors.ShouldBeEmpty();
        result.Imported.ShouldBe(3);
        (await ByNumberAsync("000.8/41/OR/2026"))!.Status.ShouldBe(OutgoingStatus.Dispatched);
        (await SignNewAsync("NotaDinas", "Kepala Bagian Organisasi", "kabag.or")).ShouldBe("000.5/42/OR/2026", "Bagian Organisasi's own counter");
        (await SignNewAsync("NotaDinas")).ShouldBe("000.5/78/Setda/2026", "the Setda's counter");
        var again = await ImportAsync();
        again.Imported.ShouldBe(0);
        again.Errors.Select(e => e.Line).ShouldBe([2, 3, 4]);
    }
}
