using System.Net;
using System.Net.Http.Json;
using Arsip.Dispositions;
using Arsip.IntegrationTests.Infrastructure;

namespace Arsip.IntegrationTests.Dispositions;

/// <summary>The inbox per position and person, and monitoring per unit.</summary>
public class DispositionInboxTests(ArsipApp app) : DispositionTest(app)
{
    private async Task<InboxSummary> SummaryAsync(string user) =>
        (await (await As(user)).GetFromJsonAsync<InboxSummary>("/api/inbox", ArsipApp.Json))!;

    private async Task<InboxPage> ListAsync(string user, string query = "") =>
        (await (await As(user)).GetFromJsonAsync<InboxPage>($"/api/inbox/dispositions{query}", ArsipApp.Json))!;

    [Fact]
    public async Task The_inbox_counts_and_lists_what_waits_for_each_position()
    {
        var before = await SummaryAsync("kabag.or");
        var waiting = await LetterToAsync("kabag.or");
        (await SummaryAsync("kabag.or")).LettersAwaitingDisposition.ShouldBe(before.LettersAwaitingDisposition + 1);
        await DisposeAsync("kabag.or", waiting, ["analis"]);
        (await SummaryAsync("kabag.or")).LettersAwaitingDisposition.ShouldBe(before.LettersAwaitingDisposition);

        var urgent = await DisposeAsync("sekda", await LetterToAsync("sekda", urgency: "SangatSegera", subject: "Rapat koordinasi banjir"), ["kabag.or"]);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var normal = await DisposeAsync("sekda", await LetterToAsync("sekda", urgency: "Biasa", subject: "Undangan sosialisasi"), ["kabag.or"]);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var soon = await DisposeAsync("sekda", await LetterToAsync("sekda", urgency: "Biasa"), ["kabag.or"], deadline: Now.AddHours(2));

        var summary = await SummaryAsync("kabag.or");
        summary.UnreadDispositions.ShouldBe(before.UnreadDispositions + 3);
        summary.OpenWork.ShouldBe(before.OpenWork + 3);

        var byDeadline = await ListAsync("kabag.or");
        byDeadline.Items.Select(i => i.DispositionId).ShouldBe([soon, urgent, normal]);
        byDeadline.Items.First().Status.ShouldBe(RecipientStatus.Unread);
        var byReceived = await ListAsync("kabag.or", "?sort=received");
        byReceived.Items.Select(i => i.DispositionId).ShouldBe([soon, normal, urgent]);
        (await ListAsync("kabag.or", "?pageSize=2&page=2")).Items.Single().DispositionId.ShouldBe(normal);

        await DetailAsync("kabag.or", urgent);
        (await ListAsync("kabag.or", "?status=unread")).Items.Select(i => i.DispositionId).ShouldBe([soon, normal]);
        (await ListAsync("kabag.or", "?status=read")).Items.Single().DispositionId.ShouldBe(urgent);
        (await PostAsync("kabag.or", $"/api/dispositions/{urgent}/complete")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ListAsync("kabag.or", "?status=done")).Items.Single().DispositionId.ShouldBe(urgent);
        (await ListAsync("kabag.or")).Items.Select(i => i.DispositionId).ShouldBe([soon, normal]);

        App.Clock.Advance(TimeSpan.FromHours(3));
        (await SummaryAsync("kabag.or")).OverdueWork.ShouldBe(before.OverdueWork + 1);
        var overdue = await ListAsync("kabag.or", "?status=overdue");
        overdue.Items.Single().DispositionId.ShouldBe(soon);
        overdue.Items.Single().Status.ShouldBe(RecipientStatus.Overdue);
        (await (await As("sekda")).GetFromJsonAsync<DispositionTree>($"/api/letters/{overdue.Items.Single().LetterId}/dispositions", ArsipApp.Json))!
            .Dispositions.Single().Recipients.Single().Status.ShouldBe(RecipientStatus.Overdue);

        (await ListAsync("analis")).Total.ShouldBe(1);
        (await ListAsync("kabag.umum")).Items.ShouldNotContain(i => i.DispositionId == soon);
        (await (await As("kabag.or")).GetAsync("/api/inbox/dispositions?status=lost")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // monitoring: agency-wide for the auditor, the own line for a head, refused for others
        var report = (await (await As("auditor")).GetFromJsonAsync<MonitoringReport>("/api/monitoring", ArsipApp.Json))!;
        var organisasi = report.Units.Single(u => u.UnitName == "Bagian Organisasi");
        organisasi.Open.ShouldBeGreaterThanOrEqualTo(3);
        organisasi.Overdue.ShouldBeGreaterThanOrEqualTo(1);
        organisasi.Done.ShouldBeGreaterThanOrEqualTo(1);
        organisasi.AverageCompletionHours.ShouldNotBeNull();
        var item = report.Overdue.Single(o => o.DispositionId == soon);
        item.HeldBy.ShouldBe(["Dewi Kartika, S.Sos., M.AP."]);
        item.PositionTitle.ShouldBe("Kepala Bagian Organisasi");
        item.HoursOverdue.ShouldBe(1, 0.1);

        var head = (await (await As("kabag.umum")).GetFromJsonAsync<MonitoringReport>("/api/monitoring", ArsipApp.Json))!;
        head.Units.ShouldNotContain(u => u.UnitName == "Bagian Organisasi");
        (await (await As("registrar")).GetAsync("/api/monitoring")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("auditor")).GetAsync("/api/monitoring?from=2026-12-01&to=2026-11-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_instruction_list_is_agency_data_with_defaults()
    {
        var list = await (await As("sekda")).GetFromJsonAsync<List<Instruction>>("/api/dispositions/instructions", ArsipApp.Json);
        list!.Select(i => i.Code).ShouldBe(["TINDAK_LANJUTI", "SARAN", "KOORDINASIKAN", "KAJI", "HADIRI", "PANTAU", "DIKETAHUI", "ARSIPKAN"]);
        (await (await As("admin", "kab-bekasi")).PutAsJsonAsync("/api/dispositions/instructions",
            new { instructions = new[] { new { code = "RAPATKAN", label = "Rapatkan" } } })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await As("sekda", "kab-bekasi")).GetFromJsonAsync<List<Instruction>>("/api/dispositions/instructions", ArsipApp.Json))!
            .Single().Code.ShouldBe("RAPATKAN");
        (await (await As("sekda")).GetFromJsonAsync<List<Instruction>>("/api/dispositions/instructions", ArsipApp.Json))!.Count.ShouldBe(8);
        (await (await As("sekda")).PutAsJsonAsync("/api/dispositions/instructions", new { instructions = Array.Empty<object>() })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
