using System.Net;
using System.Net.Http.Json;
using System.Text;
using Arsip.Audit;
using Arsip.IntegrationTests.Dispositions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Records;
using Arsip.ReferenceData;
using Marten;
using Npgsql;

namespace Arsip.IntegrationTests.Records;

/// <summary>The berkas through HTTP against the real database: creating, filing, moving, closing, reopening, triggers, reads.</summary>
public class CaseFileTests(ArsipApp app) : DispositionTest(app)
{
    private const string Header = "code,name,parent,activeRetentionYears,inactiveRetentionYears,finalAction,defaultSecurityLevel,trigger";

    /// <summary>800.1 counts from closing (2 + 3 years), 800.2 has no active period, 800.3 is shortened by one test, 100.1 waits for "tidak berlaku".</summary>
    private static string Scheme(int shortened = 5) => string.Join("\n", Header,
        "100,Pemerintahan,,2,3,Musnah,,",
        "100.1,Peraturan Daerah,100,5,10,Permanen,,tidak berlaku",
        "800,Kepegawaian,,2,3,DinilaiKembali,Terbatas,",
        "800.1,Sumber Daya Manusia,800,2,3,DinilaiKembali,Terbatas,ditutup",
        "800.2,Cuti,800,0,1,Musnah,,",
        $"800.3,Pensiun,800,{shortened},{shortened},Permanen,,");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var response = await ImportAsync(Scheme());
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> ImportAsync(string csv, string query = "") =>
        await (await As("admin")).PostAsync("/api/classification/import" + query, new StringContent(csv, Encoding.UTF8, "text/csv"));

    private async Task<Guid> UnitAsync(string code) => (await ChartAsync()).Units.Single(u => u.Code == code).Id;

    private async Task<HttpResponseMessage> CreateAsync(string user, string unit = "Umum", string code = "800.1", string title = "Mutasi pegawai", Guid? id = null, string agency = "kota-bekasi") =>
        await (await As(user, agency)).PostAsJsonAsync("/api/case-files",
            new { id, unitId = await UnitAsync(unit), classification = code, title, periodFrom = "2026-01-01", periodTo = "2026-12-31", vital = false }, ArsipApp.Json);

    private async Task<CreateCaseFileResponse> CreatedAsync(string user = "arsiparis", string unit = "Umum", string code = "800.1", string title = "Mutasi pegawai")
    {
        var response = await CreateAsync(user, unit, code, title);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await ReadAsync<CreateCaseFileResponse>(response);
    }

    private async Task<HttpResponseMessage> FileAsync(string user, Guid file, params Guid[] letters) =>
        await PostAsync(user, $"/api/case-files/{file}/letters", new { letterIds = letters });

    private async Task<CaseFileDetail> DetailOfAsync(string user, Guid file)
    {
        var response = await (await As(user)).GetAsync($"/api/case-files/{file}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadAsync<CaseFileDetail>(response);
    }

    private async Task<CaseFileList> ListAsync(string user, string query = "")
    {
        var response = await (await As(user)).GetAsync("/api/case-files" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ReadAsync<CaseFileList>(response);
    }

    private async Task<long> EventsOfAsync(Guid stream)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {ArsipStore.Schema}.mt_events where stream_id = $1", connection) { Parameters = { new() { Value = stream } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Rows per document table and event type, to name what a refusal wrote.</summary>
    private async Task<Dictionary<string, long>> TableCountsAsync()
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand($"select table_name from information_schema.tables where table_schema = '{ArsipStore.Schema}' and table_name like 'mt_doc_%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from {ArsipStore.Schema}.\"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        await using (var types = new NpgsqlCommand($"select type, count(*) from {ArsipStore.Schema}.mt_events group by type", connection))
        await using (var reader = await types.ExecuteReaderAsync())
            while (await reader.ReadAsync()) counts["event " + reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    private static async Task NoContent(HttpResponseMessage response) =>
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task An_archivist_creates_a_berkas_files_letters_and_closes_it_with_the_retention_of_the_scheme_in_force()
    {
        var id = Guid.CreateVersion7();
        var first = await CreateAsync("arsiparis", id: id, title: "Mutasi pegawai triwulan IV");
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var created = await ReadAsync<CreateCaseFileResponse>(first);
        created.Id.ShouldBe(id);
        created.Year.ShouldBe(2026);
        first.Headers.Location!.ToString().ShouldBe($"/api/case-files/{id}");

        // a resend is the same berkas; the same id with other content is a conflict
        var again = await CreateAsync("arsiparis", id: id, title: "Mutasi pegawai triwulan IV");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadAsync<CreateCaseFileResponse>(again)).Number.ShouldBe(created.Number);
        await ShouldBeProblem(await CreateAsync("arsiparis", id: id, title: "Lain"), HttpStatusCode.Conflict, "isi berbeda");

        var (a, b) = (await LetterToAsync("kabag.umum"), await LetterToAsync("kabag.umum", subject: "Usul kenaikan pangkat"));
        await NoContent(await FileAsync("arsiparis", id, a, b));
        await ShouldBeProblem(await FileAsync("arsiparis", id, a), HttpStatusCode.Conflict, "sudah ada di berkas ini");

        var detail = await DetailOfAsync("arsiparis", id);
        detail.CaseFile.LetterCount.ShouldBe(2);
        detail.CaseFile.SecurityLevel.ShouldBe(SecurityLevel.Terbatas); // the class's default
        detail.Letters.Select(l => l.LetterId).ShouldBe([a, b]);
        detail.Letters[1].Subject.ShouldBe("Usul kenaikan pangkat");
        detail.Letters[0].Correspondent.ShouldBe("Badan Kepegawaian Negara");

        // the letter's own stream records it, in its history
        var history = await (await As("arsiparis")).GetFromJsonAsync<List<HistoryEntry>>($"/api/letters/{a}/history", ArsipApp.Json);
        history!.Select(h => h.Type).ShouldContain(t => t.Contains("filed_in_case_file"));

        await NoContent(await PostAsync("arsiparis", $"/api/case-files/{id}/close"));
        var closed = await DetailOfAsync("arsiparis", id);
        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        closed.CaseFile.Status.ShouldBe(CaseFileStatus.Closed);
        closed.CaseFile.ClosedOn.ShouldBe(today);
        closed.CaseFile.Stage.ShouldBe(RetentionStage.Active);
        closed.Retention!.ShouldSatisfyAllConditions(r => r.ActiveYears.ShouldBe(2), r => r.InactiveYears.ShouldBe(3), r => r.FinalAction.ShouldBe(FinalAction.DinilaiKembali), r => r.SchemeVersion.ShouldBeGreaterThan(0));
        closed.CaseFile.ActiveUntil.ShouldBe(today.AddYears(2));
        closed.CaseFile.InactiveUntil.ShouldBe(today.AddYears(5));
        await ShouldBeProblem(await PostAsync("arsiparis", $"/api/case-files/{id}/close"), HttpStatusCode.Conflict, "sudah ditutup");
        await ShouldBeProblem(await FileAsync("arsiparis", id, await LetterToAsync("kabag.umum")), HttpStatusCode.Conflict, "sudah ditutup");

        (await ListAsync("arsiparis", $"?unitId={await UnitAsync("Umum")}&status=closed")).CaseFiles.ShouldContain(f => f.Id == id && f.LetterCount == 2);
    }

    [Fact]
    public async Task Refusals_write_nothing()
    {
        var rows = new StoredRows(App.ConnectionString);
        var file = await CreatedAsync();
        var letter = await LetterToAsync("kabag.umum");
        await NoContent(await FileAsync("arsiparis", file.Id, letter));
        var other = await CreatedAsync(title: "Berkas lain");
        var empty = await CreatedAsync(title: "Berkas kosong");
        foreach (var user in new[] { "registrar", "kabag.umum" }) await As(user); // signing in is recorded; sign in before counting
        var before = await rows.CountAsync();
        var tablesBefore = await TableCountsAsync();
        var events = await EventsOfAsync(file.Id);

        await ShouldBeProblem(await CreateAsync("arsiparis", code: "800.9"), HttpStatusCode.UnprocessableEntity, "800.1");
        await ShouldBeProblem(await CreateAsync("arsiparis", title: ""), HttpStatusCode.BadRequest);
        await ShouldBeProblem(await CreateAsync("registrar", unit: "Hukum"), HttpStatusCode.Forbidden);
        await ShouldBeProblem(await CreateAsync("kabag.umum"), HttpStatusCode.Forbidden); // an official has no berkas role
        await ShouldBeProblem(await FileAsync("arsiparis", file.Id, letter), HttpStatusCode.Conflict, "sudah ada di berkas ini");
        var refused = await FileAsync("arsiparis", other.Id, letter);
        await ShouldBeProblem(refused, HttpStatusCode.Conflict, "berkas lain");
        (await refused.Content.ReadAsStringAsync()).ShouldContain(file.Id.ToString());
        await ShouldBeProblem(await FileAsync("arsiparis", file.Id, Guid.NewGuid()), HttpStatusCode.NotFound);
        await ShouldBeProblem(await FileAsync("arsiparis", file.Id, [.. Enumerable.Range(0, 1001).Select(_ => Guid.NewGuid())]), HttpStatusCode.RequestEntityTooLarge);
        await ShouldBeProblem(await FileAsync("arsiparis", file.Id), HttpStatusCode.BadRequest);
        await ShouldBeProblem(await PostAsync("arsiparis", $"/api/case-files/{empty.Id}/close"), HttpStatusCode.Conflict, "kosong");
        await ShouldBeProblem(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/reopen", new { reason = " " }), HttpStatusCode.BadRequest);
        await ShouldBeProblem(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/reopen", new { reason = "x" }), HttpStatusCode.Conflict, "masih terbuka");
        await ShouldBeProblem(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/letters/move", new { letterIds = new[] { letter }, toCaseFileId = other.Id }), HttpStatusCode.BadRequest, "alasan");
        await ShouldBeProblem(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/retention-trigger", new { trigger = "NoLongerInForce", occurredOn = "2026-11-01" }), HttpStatusCode.Conflict, "sejak berkas ditutup");
        await ShouldBeProblem(await PostAsync("registrar", $"/api/case-files/{Guid.NewGuid()}/close"), HttpStatusCode.NotFound);

        var tablesAfter = await TableCountsAsync();
        (await rows.CountAsync()).ShouldBe(before, string.Join(", ", tablesAfter.Where(t => tablesBefore.GetValueOrDefault(t.Key) != t.Value).Select(t => $"{t.Key}: {tablesBefore.GetValueOrDefault(t.Key)} -> {t.Value}")));
        (await EventsOfAsync(file.Id)).ShouldBe(events);
        (await DetailOfAsync("arsiparis", file.Id)).Letters.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Secret_letters_are_never_listed_nor_counted_for_someone_outside_their_chain_and_cannot_be_filed_by_them()
    {
        var file = await CreatedAsync(title: "Pemeriksaan khusus");
        var open = await LetterToAsync("kabag.umum");
        var secret = await LetterToAsync("kabag.umum", securityLevel: "Rahasia", subject: "Hasil pemeriksaan khusus");
        // the archivist is outside the secret letter's chain: refused exactly as a letter that does not exist
        var hidden = await FileAsync("arsiparis", file.Id, secret);
        var missing = await FileAsync("arsiparis", file.Id, Guid.NewGuid());
        await ShouldBeProblem(hidden, HttpStatusCode.NotFound);
        (await hidden.Content.ReadAsStringAsync()).ShouldNotContain("pemeriksaan", Case.Insensitive);
        var (h, m) = (await hidden.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(), await missing.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>());
        (h!.Status, h.Title, h.Detail).ShouldBe((m!.Status, m.Title, m.Detail));
        (await hidden.Content.ReadAsStringAsync()).ShouldNotContain(secret.ToString());

        // the registrar who entered it sees it and files it with an open one
        await NoContent(await FileAsync("registrar", file.Id, open, secret));
        (await DetailOfAsync("registrar", file.Id)).Letters.Select(l => l.LetterId).ShouldBe([open, secret]);
        (await DetailOfAsync("kabag.umum", file.Id)).CaseFile.LetterCount.ShouldBe(2);

        var detail = await DetailOfAsync("arsiparis", file.Id);
        detail.Letters.Select(l => l.LetterId).ShouldBe([open]);
        detail.CaseFile.LetterCount.ShouldBe(1);
        (await ListAsync("arsiparis")).CaseFiles.Single(f => f.Id == file.Id).LetterCount.ShouldBe(1);
        (await ListAsync("auditor")).CaseFiles.Single(f => f.Id == file.Id).LetterCount.ShouldBe(1);
        var body = await (await As("auditor")).GetStringAsync($"/api/case-files/{file.Id}");
        body.ShouldNotContain(secret.ToString());
        body.ShouldNotContain("Hasil pemeriksaan");
    }

    [Fact]
    public async Task Another_units_registrar_is_forbidden_and_another_agency_sees_nothing()
    {
        var hukum = await CreatedAsync("admin", unit: "Hukum", title: "Produk hukum");
        var letter = await LetterToAsync("kabag.umum");
        await ShouldBeProblem(await FileAsync("registrar", hukum.Id, letter), HttpStatusCode.Forbidden);
        await ShouldBeProblem(await PostAsync("registrar", $"/api/case-files/{hukum.Id}/close"), HttpStatusCode.Forbidden);
        await ShouldBeProblem(await (await As("registrar")).GetAsync($"/api/case-files/{hukum.Id}"), HttpStatusCode.Forbidden);
        await ShouldBeProblem(await (await As("registrar")).GetAsync($"/api/case-files?unitId={await UnitAsync("Hukum")}"), HttpStatusCode.Forbidden);
        (await ListAsync("registrar")).CaseFiles.ShouldNotContain(f => f.Id == hukum.Id);
        (await ListAsync("kabag.hukum")).CaseFiles.ShouldContain(f => f.Id == hukum.Id); // a member of the unit reads it
        (await ListAsync("arsiparis")).CaseFiles.ShouldContain(f => f.Id == hukum.Id);

        await ShouldBeProblem(await (await As("arsiparis", "kab-bekasi")).GetAsync($"/api/case-files/{hukum.Id}"), HttpStatusCode.NotFound);
        await ShouldBeProblem(await (await As("arsiparis", "kab-bekasi")).PostAsJsonAsync($"/api/case-files/{hukum.Id}/letters", new { letterIds = new[] { letter } }), HttpStatusCode.NotFound);
        await ShouldBeProblem(await (await As("arsiparis", "kab-bekasi")).PostAsJsonAsync($"/api/case-files/{hukum.Id}/close", new { }), HttpStatusCode.NotFound);
        (await (await As("arsiparis", "kab-bekasi")).GetFromJsonAsync<CaseFileList>("/api/case-files", ArsipApp.Json))!.CaseFiles.ShouldNotContain(f => f.Id == hukum.Id);
    }

    [Fact]
    public async Task Closing_is_refused_while_a_disposition_on_a_filed_letter_is_open_and_accepted_once_it_is_done()
    {
        var file = await CreatedAsync(title: "Permohonan data");
        var letter = await LetterToAsync("sekda");
        await NoContent(await FileAsync("arsiparis", file.Id, letter));
        var slip = await DisposeAsync("sekda", letter, ["kabag.umum"]);

        var refused = await PostAsync("arsiparis", $"/api/case-files/{file.Id}/close");
        await ShouldBeProblem(refused, HttpStatusCode.Conflict, "masih berjalan");
        var body = await refused.Content.ReadAsStringAsync();
        body.ShouldContain(slip.ToString());
        body.ShouldContain(letter.ToString());
        body.ShouldContain("deadline");

        await NoContent(await PostAsync("kabag.umum", $"/api/dispositions/{slip}/complete"));
        await NoContent(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/close"));
    }

    [Fact]
    public async Task The_retention_fixed_at_closing_is_unchanged_by_a_later_import_that_shortens_the_class()
    {
        var file = await CreatedAsync(code: "800.3", title: "Pensiun pegawai");
        await NoContent(await FileAsync("arsiparis", file.Id, await LetterToAsync("kabag.umum")));
        await NoContent(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/close"));
        var closed = await DetailOfAsync("arsiparis", file.Id);
        closed.Retention!.ActiveYears.ShouldBe(5);

        var shorten = await ImportAsync(Scheme(shortened: 1), "?allowShortening=true&reason=Revisi%20JRA");
        shorten.IsSuccessStatusCode.ShouldBeTrue(await shorten.Content.ReadAsStringAsync());

        var after = await DetailOfAsync("arsiparis", file.Id);
        after.Retention.ShouldBe(closed.Retention);
        after.CaseFile.ActiveUntil.ShouldBe(closed.CaseFile.ActiveUntil);
        after.CaseFile.InactiveUntil.ShouldBe(closed.CaseFile.InactiveUntil);
    }

    [Fact]
    public async Task A_berkas_reopens_with_a_reason_until_its_active_period_has_ended()
    {
        var file = await CreatedAsync(title: "Rapat koordinasi");
        await NoContent(await FileAsync("arsiparis", file.Id, await LetterToAsync("kabag.umum")));
        await NoContent(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/close"));
        await NoContent(await PostAsync("registrar", $"/api/case-files/{file.Id}/reopen", new { reason = "Surat susulan diterima" }));
        var reopened = await DetailOfAsync("arsiparis", file.Id);
        reopened.CaseFile.Status.ShouldBe(CaseFileStatus.Open);
        reopened.Reopenings.ShouldBe(1);
        reopened.Retention.ShouldBeNull();

        // no active period at all (0 years): the stage passed the day it closed
        var leave = await CreatedAsync(code: "800.2", title: "Cuti tahunan");
        await NoContent(await FileAsync("arsiparis", leave.Id, await LetterToAsync("kabag.umum")));
        await NoContent(await PostAsync("arsiparis", $"/api/case-files/{leave.Id}/close"));
        (await DetailOfAsync("arsiparis", leave.Id)).CaseFile.Stage.ShouldBe(RetentionStage.Inactive);
        await ShouldBeProblem(await PostAsync("arsiparis", $"/api/case-files/{leave.Id}/reopen", new { reason = "x" }), HttpStatusCode.Conflict, "Masa aktif");
    }

    [Fact]
    public async Task A_berkas_waiting_for_its_trigger_gets_its_dates_when_the_trigger_is_recorded()
    {
        var file = await CreatedAsync(code: "100.1", title: "Perda retribusi");
        await NoContent(await FileAsync("arsiparis", file.Id, await LetterToAsync("kabag.umum")));
        await NoContent(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/close"));
        var waiting = await DetailOfAsync("arsiparis", file.Id);
        waiting.CaseFile.Stage.ShouldBe(RetentionStage.AwaitingTrigger);
        waiting.CaseFile.ActiveUntil.ShouldBeNull();
        waiting.Trigger.ShouldBe(RetentionTrigger.NoLongerInForce);

        await ShouldBeProblem(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/retention-trigger", new { trigger = "AuditCompleted", occurredOn = "2026-11-01" }), HttpStatusCode.BadRequest, "tidak berlaku");
        await NoContent(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/retention-trigger", new { trigger = "NoLongerInForce", occurredOn = "2026-11-01", note = "Perda dicabut" }));
        var triggered = await DetailOfAsync("arsiparis", file.Id);
        triggered.TriggeredOn.ShouldBe(new DateOnly(2026, 11, 1));
        triggered.CaseFile.ActiveUntil.ShouldBe(new DateOnly(2031, 11, 1));
        triggered.CaseFile.InactiveUntil.ShouldBe(new DateOnly(2041, 11, 1));
        triggered.CaseFile.Stage.ShouldBe(RetentionStage.Active);
        await ShouldBeProblem(await PostAsync("arsiparis", $"/api/case-files/{file.Id}/retention-trigger", new { trigger = "NoLongerInForce", occurredOn = "2026-11-02" }), HttpStatusCode.Conflict, "sudah dicatat");
    }

    [Fact]
    public async Task Two_berkas_filing_the_same_letter_at_once_leave_it_in_one_of_them()
    {
        for (var round = 0; round < 5; round++)
        {
            var (one, two) = (await CreatedAsync(title: $"Berkas A {round}"), await CreatedAsync(title: $"Berkas B {round}"));
            var letter = await LetterToAsync("kabag.umum");
            var answers = await Task.WhenAll(FileAsync("arsiparis", one.Id, letter), FileAsync("arsiparis", two.Id, letter));
            answers.Select(a => (int)a.StatusCode).Order().ToArray().ShouldBe([204, 409],
                string.Join(" | ", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))));
            var holders = (await DetailOfAsync("arsiparis", one.Id)).Letters.Count + (await DetailOfAsync("arsiparis", two.Id)).Letters.Count;
            holders.ShouldBe(1);
            await using var session = App.Store.QuerySession("kota-bekasi");
            (await session.Events.FetchStreamAsync(letter)).Select(e => e.Data).OfType<LetterFiledInCaseFile>().Count().ShouldBe(1);
        }
    }

    [Fact]
    public async Task Letters_move_between_berkas_with_a_reason_recorded_on_both_and_on_the_letter()
    {
        var (from, to) = (await CreatedAsync(title: "Salah berkas"), await CreatedAsync(title: "Berkas yang benar"));
        var (a, b) = (await LetterToAsync("kabag.umum"), await LetterToAsync("kabag.umum"));
        await NoContent(await FileAsync("arsiparis", from.Id, a, b));
        await NoContent(await PostAsync("arsiparis", $"/api/case-files/{from.Id}/letters/move", new { letterIds = new[] { a }, toCaseFileId = to.Id, reason = "Salah klasifikasi" }));

        (await DetailOfAsync("arsiparis", from.Id)).Letters.Select(l => l.LetterId).ShouldBe([b]);
        (await DetailOfAsync("arsiparis", to.Id)).Letters.Select(l => l.LetterId).ShouldBe([a]);
        await using var session = App.Store.QuerySession("kota-bekasi");
        var moved = (await session.Events.FetchStreamAsync(a)).Select(e => e.Data).OfType<LetterFiledInCaseFile>().Last();
        moved.ShouldSatisfyAllConditions(m => m.CaseFileId.ShouldBe(to.Id), m => m.FromCaseFileId.ShouldBe(from.Id), m => m.Reason.ShouldBe("Salah klasifikasi"));
        (await session.LoadAsync<LetterFiling>(a))!.CaseFileId.ShouldBe(to.Id);
        (await session.Events.FetchStreamAsync(to.Id)).Select(e => e.Data).OfType<LettersFiled>().Single().FromCaseFileId.ShouldBe(from.Id);

        // a letter not in the source is not moved
        await ShouldBeProblem(await PostAsync("arsiparis", $"/api/case-files/{from.Id}/letters/move", new { letterIds = new[] { a }, toCaseFileId = to.Id, reason = "x" }), HttpStatusCode.Conflict, "tidak ada di berkas ini");
    }

    [Fact]
    public async Task An_outgoing_draft_is_not_filed_until_it_has_a_number()
    {
        var draft = new
        {
            kind = "SuratDinas", classification = "800.1", securityLevel = "Biasa", urgency = "Biasa", subject = "Usul mutasi",
            body = "Dengan hormat, kami sampaikan usul mutasi pegawai.",
            addressees = new[] { new { name = "Kepala Dinas Kesehatan", positionId = await PositionOf("kadinkes") } },
            copyTo = Array.Empty<object>(), reviewers = new[] { await PositionOf("kabag.or") }, signatoryPositionId = await PositionOf("sekda"),
        };
        var drafted = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", draft);
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var letter = (await ReadAsync<Arsip.Correspondence.DraftOutgoingLetterResponse>(drafted)).Id;
        var file = await CreatedAsync("admin", unit: "Dinkes", title: "Mutasi pegawai Dinkes");
        await ShouldBeProblem(await FileAsync("admin", file.Id, letter), HttpStatusCode.Conflict, "belum bernomor");
        (await DetailOfAsync("admin", file.Id)).Letters.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_letter_never_filed_has_no_filing_document()
    {
        var letter = await LetterToAsync("kabag.umum");
        await DisposeAsync("kabag.umum", letter, ["kasubbag.tu"]);
        await using var session = App.Store.QuerySession("kota-bekasi");
        (await session.LoadAsync<LetterFiling>(letter)).ShouldBeNull();
    }

    [Fact]
    public async Task Concurrent_creation_numbers_a_units_berkas_one_to_n_without_gaps()
    {
        // a refusal in between uses up no number
        await ShouldBeProblem(await CreateAsync("admin", unit: "OR", code: "999"), HttpStatusCode.UnprocessableEntity);
        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => CreateAsync("admin", unit: "OR", title: $"Berkas {i}")));
        foreach (var r in responses) r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var created = new List<CreateCaseFileResponse>();
        foreach (var r in responses) created.Add(await ReadAsync<CreateCaseFileResponse>(r));
        created.Select(c => c.Number).Order().ShouldBe(Enumerable.Range(1, 12));
        var year = created[0].Year;
        (await ListAsync("admin", $"?unitId={await UnitAsync("OR")}&year={year}")).CaseFiles.Select(f => f.Number).ShouldBe(Enumerable.Range(1, 12));
    }
}
