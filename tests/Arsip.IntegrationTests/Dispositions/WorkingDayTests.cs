using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.IntegrationTests.Infrastructure;
using UglyToad.PdfPig;

namespace Arsip.IntegrationTests.Dispositions;

/// <summary>A host of its own: these tests move its clock by days, which the shared host's tests bound to a month must not see.</summary>
public sealed class WorkingDayApp : ArsipApp;

[CollectionDefinition(Name)]
public sealed class WorkingDayCollection : ICollectionFixture<WorkingDayApp>
{
    public const string Name = "working-day";
}

/// <summary>
/// The defects of issue #14 that staff, officials and auditors hit first: deadlines and times in the agency's time zone
/// (on a server clock in UTC), the official's list of dispositions sent, queues newest first, and no dead ends.
/// </summary>
[Collection(WorkingDayCollection.Name)]
public partial class WorkingDayTests(WorkingDayApp app) : DispositionTest(app)
{
    private static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    /// <summary>Servers run in UTC: the test clock's own zone is UTC while a test runs, so nothing may take the office's day from it.</summary>
    private async Task OnServerClockAsync(Func<Task> test)
    {
        App.Clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        try { await test(); }
        finally { App.Clock.SetLocalTimeZone(Jakarta); }
    }

    /// <summary>Moves the shared clock forward to the next time it is <paramref name="utc"/> in UTC.</summary>
    private void AdvanceToUtc(TimeOnly utc)
    {
        var now = App.Clock.GetUtcNow();
        var next = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(utc), TimeSpan.Zero);
        if (next <= now) next = next.AddDays(1);
        App.Clock.Advance(next - now);
    }

    private DateOnly TodayIn(TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), zone).DateTime);

    private async Task<HttpResponseMessage> DisposeOnPageAsync(string issuer, Guid letter, string recipient, DateOnly deadline)
    {
        var client = await As(issuer);
        var page = $"/surat-masuk/{letter}";
        return await PostFormAsync(client, $"{page}?handler=Disposisi", await TokenAsync(client, page),
            ("Dispose.Recipients", (await PositionOf(recipient)).ToString()), ("Dispose.Instructions", "TINDAK_LANJUTI"),
            ("Dispose.Deadline", deadline.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public async Task A_deadline_date_lasts_to_the_end_of_that_day_in_WIB_and_every_time_shows_in_WIB_on_a_UTC_server() => await OnServerClockAsync(async () =>
    {
        AdvanceToUtc(new TimeOnly(9, 3)); // 16:03 WIB, already the same date in UTC
        var letter = await LetterToAsync("sekda", subject: "Permohonan data honorer");
        var day = TodayIn(Jakarta).AddDays(3);

        var posted = await DisposeOnPageAsync("sekda", letter, "kabag.umum", day);
        posted.StatusCode.ShouldBe(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());
        (await posted.Content.ReadAsStringAsync()).ShouldContain($"Disposisi terkirim, batas waktu {day:dd-MM-yyyy} 23:59 WIB.");
        var node = (await TreeAsync("sekda", letter)).Dispositions.Single();
        node.Deadline.ShouldBe(new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(7)));

        var inbox = await (await As("kabag.umum")).GetStringAsync("/disposisi");
        inbox.ShouldContain($"{day:dd-MM-yyyy} 23:59 WIB");
        inbox.ShouldContain($"{TodayIn(Jakarta):dd-MM-yyyy} 16:03 WIB");
        (await (await As("kabag.umum")).GetStringAsync($"/disposisi/{node.Id}")).ShouldContain($"{day:dd-MM-yyyy} 23:59 WIB");

        var slip = await (await As("sekda")).GetAsync($"/api/incoming-letters/{letter}/routing-slip.pdf");
        slip.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var pdf = PdfDocument.Open(await slip.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        text.ShouldContain("16.03"); // the paraf's time as the page shows it, not 09.03 (UTC)
        text.ShouldNotContain("09.03");
    });

    [Fact]
    public async Task A_WIT_agency_sees_and_sets_deadlines_in_WIT_and_is_reminded_by_that_clock() => await OnServerClockAsync(async () =>
    {
        var jayapura = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jayapura");
        var admin = await As("admin");
        (await admin.PutAsJsonAsync("/api/calendar", new { timeZone = "Asia/Jayapura" })).EnsureSuccessStatusCode();
        try
        {
            AdvanceToUtc(new TimeOnly(16, 30)); // 23:30 WIB, already 01:30 the next day in Jayapura
            var letter = await LetterToAsync("sekda", subject: "Laporan pelayanan publik Papua");
            var day = TodayIn(jayapura).AddDays(1); // two days ahead of the WIB date

            var posted = await DisposeOnPageAsync("sekda", letter, "kabag.hukum", day);
            posted.StatusCode.ShouldBe(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());
            (await posted.Content.ReadAsStringAsync()).ShouldContain($"batas waktu {day:dd-MM-yyyy} 23:59 WIT.");
            var node = (await TreeAsync("sekda", letter)).Dispositions.Single();
            node.Deadline.ShouldBe(new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(9)));
            (await (await As("kabag.hukum")).GetStringAsync("/disposisi")).ShouldContain($"{day:dd-MM-yyyy} 23:59 WIT");

            // the escalation comes when the WIT day is over, and says its deadline in WIT
            App.Clock.Advance(node.Deadline - App.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
            await InvokeAsync(new EscalateOverdueDisposition("kota-bekasi", node.Id));
            (await DetailAsync("sekda", node.Id)).Disposition.EscalatedAt.ShouldBeNull("a minute before the end of the WIT day");
            App.Clock.Advance(TimeSpan.FromMinutes(2));
            await InvokeAsync(new EscalateOverdueDisposition("kota-bekasi", node.Id));
            var summary = (await (await As("sekda")).GetFromJsonAsync<InboxSummary>("/api/inbox", ArsipApp.Json))!;
            summary.Notifications.Single(n => n.DispositionId == node.Id).Text.ShouldContain($"{day:dd-MM-yyyy} 23:59 WIT");
            (await (await As("sekda")).GetStringAsync("/")).ShouldContain($"{day:dd-MM-yyyy} 23:59 WIT");
        }
        finally
        {
            (await admin.PutAsJsonAsync("/api/calendar", new { })).EnsureSuccessStatusCode();
        }
    });

    [Fact]
    public async Task The_Sekda_follows_what_they_sent_overdue_first_with_each_recipients_state()
    {
        var before = (await (await As("sekda")).GetFromJsonAsync<InboxSummary>("/api/inbox", ArsipApp.Json))!;
        var late = await DisposeAsync("sekda", await LetterToAsync("sekda", subject: "Sent: evaluasi SOP"), ["kabag.umum", "kabag.or"], lead: "kabag.umum", deadline: Now.AddHours(2));
        var later = await DisposeAsync("sekda", await LetterToAsync("sekda", subject: "Sent: rekap absensi"), ["kabag.hukum"], deadline: Now.AddDays(4));
        var done = await DisposeAsync("sekda", await LetterToAsync("sekda", subject: "Sent: undangan rapat"), ["kabag.or"], deadline: Now.AddDays(1));
        await DisposeAsync("kabag.umum", await LetterToAsync("kabag.umum", subject: "Sent: bukan milik Sekda"), ["kasubbag.tu"]);
        await DetailAsync("kabag.or", late); // kabag.or reads it
        (await PostAsync("kabag.or", $"/api/dispositions/{done}/complete")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        App.Clock.Advance(TimeSpan.FromHours(3));

        var sekda = await As("sekda");
        var sent = (await sekda.GetFromJsonAsync<SentDispositionPage>("/api/dispositions/sent", ArsipApp.Json))!;
        var mine = sent.Items.Where(i => i.Subject.StartsWith("Sent:")).ToList();
        mine.Select(i => i.DispositionId).ShouldBe([late, later, done]); // overdue first, then by deadline, then what is done
        mine[0].Overdue.ShouldBeTrue();
        var umum = await PositionOf("kabag.umum");
        var or = await PositionOf("kabag.or");
        mine[0].Recipients.Single(r => r.PositionId == umum).Status.ShouldBe(RecipientStatus.Overdue);
        mine[0].Recipients.Single(r => r.PositionId == or).FirstReadAt.ShouldNotBeNull();
        mine[2].WorkDone.ShouldBeTrue();
        mine[2].Recipients.Single().Status.ShouldBe(RecipientStatus.Done);

        (await sekda.GetFromJsonAsync<SentDispositionPage>("/api/dispositions/sent?status=overdue", ArsipApp.Json))!
            .Items.Select(i => i.DispositionId).ShouldContain(late);
        (await sekda.GetFromJsonAsync<SentDispositionPage>("/api/dispositions/sent?status=overdue", ArsipApp.Json))!
            .Items.ShouldNotContain(i => i.DispositionId == later || i.DispositionId == done);
        (await sekda.GetFromJsonAsync<SentDispositionPage>("/api/dispositions/sent?status=ended", ArsipApp.Json))!
            .Items.Select(i => i.DispositionId).ShouldContain(done);
        var paged = (await sekda.GetFromJsonAsync<SentDispositionPage>($"/api/dispositions/sent?pageSize=1&page={sent.Total}", ArsipApp.Json))!;
        paged.Items.ShouldHaveSingleItem();
        (await (await As("kabag.umum")).GetFromJsonAsync<SentDispositionPage>("/api/dispositions/sent", ArsipApp.Json))!
            .Items.ShouldAllBe(i => i.Subject == "Sent: bukan milik Sekda");
        (await sekda.GetAsync("/api/dispositions/sent?status=lost")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var summary = (await sekda.GetFromJsonAsync<InboxSummary>("/api/inbox", ArsipApp.Json))!;
        summary.SentOpen.ShouldBe(before.SentOpen + 2);
        summary.SentOverdue.ShouldBe(before.SentOverdue + 1);
        var dashboard = await sekda.GetStringAsync("/");
        dashboard.ShouldContain($"data-testid=\"count-terkirim\">{summary.SentOpen}<");
        dashboard.ShouldContain("href=\"/disposisi/terkirim?status=berjalan\"");
        var page = await sekda.GetStringAsync("/disposisi/terkirim");
        page.IndexOf($"data-disposition=\"{late}\"", StringComparison.Ordinal).ShouldBeLessThan(page.IndexOf($"data-disposition=\"{done}\"", StringComparison.Ordinal));
        page.ShouldContain("overdue-row");
        page.ShouldContain("Dibaca");
        (await (await As("kabag.umum")).GetStringAsync("/disposisi/terkirim")).ShouldNotContain("Sent: evaluasi SOP");

        var openApi = JsonNode.Parse(await Anonymous.GetStringAsync("/api/openapi.json"))!;
        var responses = openApi["paths"]!["/api/dispositions/sent"]!["get"]!["responses"]!.AsObject();
        responses.Select(r => r.Key).ShouldContain("200");
        responses.Select(r => r.Key).ShouldContain("400");
    }

    private async Task<Guid> RegisterAsync(string subject, DateOnly receivedOn, string urgency, string? addressee = "sekda")
    {
        var body = new JsonObject
        {
            ["sender"] = "Kementerian Dalam Negeri", ["senderLetterNumber"] = $"Q/{Guid.NewGuid():N}"[..24],
            ["letterDate"] = receivedOn.ToString("yyyy-MM-dd"), ["receivedOn"] = receivedOn.ToString("yyyy-MM-dd"), ["subject"] = subject,
            ["classification"] = "000.1", ["securityLevel"] = "Biasa", ["urgency"] = urgency,
        };
        if (addressee is not null) body["addresseePositionId"] = (await PositionOf(addressee)).ToString();
        var response = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<RegisterIncomingLetterResponse>(response)).Id;
    }

    private static List<string> Rows(string html, string attribute) =>
        Regex.Matches(html, $"{attribute}=\"([0-9a-f-]{{36}})\"").Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task Queues_show_the_newest_first_and_sort_by_urgency_and_deadline_with_urgent_and_overdue_marked()
    {
        var today = TodayIn(Jakarta);
        var old = await RegisterAsync("Queue: surat lama", today.AddDays(-20), "Biasa");
        var urgent = await RegisterAsync("Queue: sangat segera", today.AddDays(-1), "SangatSegera");
        var fresh = await RegisterAsync("Queue: surat hari ini", today, "Biasa");
        var sekda = await As("sekda");

        var html = await sekda.GetStringAsync("/disposisi?status=menunggu");
        var rows = Rows(html, "data-letter").Where(id => id == $"{old}" || id == $"{urgent}" || id == $"{fresh}").ToList();
        rows.ShouldBe([$"{fresh}", $"{urgent}", $"{old}"]);
        Regex.IsMatch(html, $"data-letter=\"{old}\"").ShouldBeTrue();
        Regex.Match(html, $"<tr class=\"([^\"]*)\" data-letter=\"{old}\"").Groups[1].Value.ShouldContain("overdue-row"); // 5 working days from 20 days ago
        Regex.Match(html, $"<tr class=\"([^\"]*)\" data-letter=\"{fresh}\"").Groups[1].Value.ShouldNotContain("overdue-row");
        html.ShouldContain("data-testid=\"urgent\">Sangat Segera<");

        var byUrgency = Rows(await sekda.GetStringAsync("/disposisi?status=menunggu&urut=derajat"), "data-letter");
        byUrgency.IndexOf($"{urgent}").ShouldBe(0);
        var byDeadline = Rows(await sekda.GetStringAsync("/disposisi?status=menunggu&urut=tenggat"), "data-letter")
            .Where(id => id == $"{old}" || id == $"{urgent}" || id == $"{fresh}").ToList();
        byDeadline.ShouldBe([$"{old}", $"{urgent}", $"{fresh}"]);
        var oldest = Rows(await sekda.GetStringAsync("/disposisi?status=menunggu&urut=terlama"), "data-letter");
        oldest.IndexOf($"{old}").ShouldBeLessThan(oldest.IndexOf($"{fresh}"));

        // the disposition inbox: newest first by default on the page, by urgency through the API and the page
        var normal = await DisposeAsync("sekda", fresh, ["kabag.or"]);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var kilat = await DisposeAsync("sekda", urgent, ["kabag.or"]);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var last = await DisposeAsync("sekda", old, ["kabag.or"], deadline: Now.AddDays(10));
        var inbox = Rows(await (await As("kabag.or")).GetStringAsync("/disposisi"), "data-disposition");
        inbox.Take(3).ShouldBe([$"{last}", $"{kilat}", $"{normal}"]);
        var api = (await (await As("kabag.or")).GetFromJsonAsync<InboxPage>("/api/inbox/dispositions?sort=urgency", ArsipApp.Json))!;
        api.Items.First().DispositionId.ShouldBe(kilat);
        Rows(await (await As("kabag.or")).GetStringAsync("/disposisi?urut=derajat"), "data-disposition").First().ShouldBe($"{kilat}");
        (await (await As("kabag.or")).GetAsync("/api/inbox/dispositions?sort=sideways")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_letter_to_nobody_is_flagged_and_listed_for_the_secretariat()
    {
        var nobody = await RegisterAsync("Dead end: tanpa tujuan", TodayIn(Jakarta), "Biasa", addressee: null);
        var addressed = await RegisterAsync("Dead end: ada tujuan", TodayIn(Jakarta), "Biasa");
        var registrar = await As("registrar");

        (await registrar.GetStringAsync($"/surat-masuk/{nobody}")).ShouldContain("data-testid=\"unaddressed\"");
        (await registrar.GetStringAsync($"/surat-masuk/{addressed}")).ShouldNotContain("data-testid=\"unaddressed\"");
        var listed = (await registrar.GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?unaddressed=true", ArsipApp.Json))!;
        listed.Items.Select(l => l.Id).ShouldContain(nobody);
        listed.Items.ShouldNotContain(l => l.Id == addressed);
        var page = await registrar.GetStringAsync("/surat-masuk?tanpa-tujuan=true");
        page.ShouldContain("Dead end: tanpa tujuan");
        page.ShouldNotContain("Dead end: ada tujuan");
        (await registrar.GetStringAsync("/")).ShouldContain($"data-testid=\"count-tanpa-tujuan\">{listed.Total}<");
        (await (await As("kabag.umum")).GetStringAsync("/")).ShouldNotContain("count-tanpa-tujuan");
    }

    private async Task<Guid> SignedLetterAsync(string drafter, string reviewer)
    {
        var chart = await ChartAsync();
        Guid Position(string title) => chart.Positions.Single(p => p.Title == title).Id;
        var response = await (await As(drafter)).PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratDinas", classification = "000.5", securityLevel = "Biasa", urgency = "Biasa", subject = "Penyampaian laporan kearsipan",
            body = "Dengan hormat, bersama ini kami sampaikan laporan kearsipan triwulan.", attachments = "1 berkas",
            addressees = new object[] { new { name = "Kepala Arsip Nasional RI", address = "Jl. Ampera Raya No. 7, Jakarta" } },
            copyTo = Array.Empty<object>(), reviewers = new[] { Position(reviewer) }, signatoryPositionId = Position("Sekretaris Daerah"),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(response)).Id;
        (await PostAsync(drafter, $"/api/outgoing-letters/{id}/submit")).EnsureSuccessStatusCode();
        var reviewerUser = chart.People.Single(p => p.PositionId == Position(reviewer)).UserName;
        (await PostAsync(reviewerUser, $"/api/outgoing-letters/{id}/initial", new { comment = "Setuju" })).EnsureSuccessStatusCode();
        (await PostAsync("sekda", $"/api/outgoing-letters/{id}/sign")).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task A_signed_letter_names_who_may_dispatch_it_and_never_sends_the_registrar_to_a_404()
    {
        var chart = await ChartAsync();
        string Name(string user) => chart.People.Single(p => p.UserName == user).FullName;

        // drafted in Bagian Organisasi: the registrar of Bagian Umum cannot open it, so the page does not send them
        var fromOr = await SignedLetterAsync("analis", "Kepala Bagian Organisasi");
        var next = WebUtility.HtmlDecode(await (await As("analis")).GetStringAsync($"/surat-keluar/{fromOr}"));
        next.ShouldContain($"Menunggu pengiriman oleh penyusun ({Name("analis")}) atau penandatangan ({Name("sekda")}).");
        next.ShouldNotContain("pengadministrasi");
        (await PostAsync("registrar", $"/api/outgoing-letters/{fromOr}/dispatch", new { method = "kurir" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // drafted in Bagian Umum: its registrar sees it, is named, and can dispatch it
        var fromUmum = await SignedLetterAsync("kasubbag.tu", "Kepala Bagian Umum");
        var umum = WebUtility.HtmlDecode(await (await As("kasubbag.tu")).GetStringAsync($"/surat-keluar/{fromUmum}"));
        umum.ShouldContain($"pengadministrasi ({Name("registrar")})");
        (await PostAsync("registrar", $"/api/outgoing-letters/{fromUmum}/dispatch", new { method = "kurir" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"no anti-forgery token on {page}");
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string token, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        values.Add(new("__RequestVerificationToken", token));
        return client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
