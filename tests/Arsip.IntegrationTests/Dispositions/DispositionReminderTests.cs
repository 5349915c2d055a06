using System.Net;
using System.Net.Http.Json;
using System.Text;
using Arsip.Dispositions;
using Arsip.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Arsip.IntegrationTests.Dispositions;

/// <summary>Reminders before the deadline and escalation after it: durable scheduled messages whose handlers re-check state on the clock.</summary>
public class DispositionReminderTests(ArsipApp app) : DispositionTest(app)
{
    private async Task<IReadOnlyList<Envelope>> ScheduledForAsync(Guid disposition)
    {
        var store = App.Services.GetRequiredService<IMessageStore>();
        var incoming = await store.Admin.AllIncomingAsync();
        return incoming.Where(e => e.Status == EnvelopeStatus.Scheduled && e.Data is not null
                                   && Encoding.UTF8.GetString(e.Data).Contains(disposition.ToString())).ToList();
    }

    private async Task<InboxSummary> SummaryAsync(string user) =>
        (await (await As(user)).GetFromJsonAsync<InboxSummary>("/api/inbox", ArsipApp.Json))!;

    [Fact]
    public async Task Issuing_schedules_a_durable_reminder_and_escalation()
    {
        var issuedAt = DateTimeOffset.UtcNow;
        var slip = await DisposeAsync("sekda", await LetterToAsync("sekda"), ["kabag.hukum"], deadline: Now.AddHours(10));
        var scheduled = await ScheduledForAsync(slip);
        scheduled.Select(e => e.MessageType).Order().ShouldBe([typeof(EscalateOverdueDisposition).FullName, typeof(RemindDispositionRecipients).FullName]);
        // scheduled on Wolverine's (real) clock by the remaining time on Arsip's clock: 10 h - 4 h lead, and 10 h
        scheduled.Single(e => e.MessageType!.Contains("Remind")).ScheduledTime!.Value.ShouldBe(issuedAt.AddHours(6), TimeSpan.FromMinutes(1));
        scheduled.Single(e => e.MessageType!.Contains("Escalate")).ScheduledTime!.Value.ShouldBe(issuedAt.AddHours(10), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Recipients_are_reminded_before_the_deadline_and_the_issuer_is_told_when_it_passes()
    {
        var letter = await LetterToAsync("sekda", subject: "Penertiban arsip dinamis");
        var slip = await DisposeAsync("sekda", letter, ["kabag.umum", "kabag.hukum"], lead: "kabag.umum", deadline: Now.AddHours(6));
        var done = await DisposeAsync("sekda", letter, ["kabag.or"], deadline: Now.AddHours(6));
        var withdrawn = await DisposeAsync("sekda", letter, ["kabag.hukum"], deadline: Now.AddHours(6));
        (await PostAsync("kabag.or", $"/api/dispositions/{done}/complete")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("sekda", $"/api/dispositions/{withdrawn}/withdraw")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        const string agency = "kota-bekasi";

        // too early: nothing happens
        await InvokeAsync(new RemindDispositionRecipients(agency, slip));
        await InvokeAsync(new EscalateOverdueDisposition(agency, slip));
        (await DetailAsync("sekda", slip)).Disposition.RemindedPositions.ShouldBeEmpty();

        // within the reminder lead (4 h): every recipient not done is reminded, once
        App.Clock.Advance(TimeSpan.FromHours(3));
        (await PostAsync("kabag.hukum", $"/api/dispositions/{slip}/complete")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        foreach (var id in new[] { slip, slip, done, withdrawn }) await InvokeAsync(new RemindDispositionRecipients(agency, id));
        (await DetailAsync("sekda", slip)).Disposition.RemindedPositions.ShouldBe([await PositionOf("kabag.umum")]);
        var umum = await SummaryAsync("kabag.umum");
        umum.Notifications.Single(n => n.DispositionId == slip).Kind.ShouldBe(DispositionNotificationProjection.Reminder);
        (await SummaryAsync("kabag.or")).Notifications.ShouldNotContain(n => n.DispositionId == done);
        (await SummaryAsync("kabag.hukum")).Notifications.ShouldNotContain(n => n.DispositionId == withdrawn || n.DispositionId == slip);
        (await (await As("kabag.umum")).GetFromJsonAsync<InboxPage>("/api/inbox/dispositions", ArsipApp.Json))!
            .Items.Single(i => i.DispositionId == slip).RemindedAt.ShouldNotBeNull();

        // past the deadline with the lead not done: escalated to the issuer once; done and withdrawn ones stay quiet
        App.Clock.Advance(TimeSpan.FromHours(4));
        foreach (var id in new[] { slip, slip, done, withdrawn }) await InvokeAsync(new EscalateOverdueDisposition(agency, id));
        var sekda = await SummaryAsync("sekda");
        var escalation = sekda.Notifications.Single(n => n.Kind == DispositionNotificationProjection.Escalation);
        escalation.DispositionId.ShouldBe(slip);
        escalation.Text.ShouldContain("Penertiban arsip dinamis");
        var detail = await DetailAsync("sekda", slip);
        detail.Disposition.EscalatedAt.ShouldNotBeNull();
        detail.Overdue.ShouldBeTrue();
        (await DetailAsync("sekda", done)).Disposition.EscalatedAt.ShouldBeNull();
    }
}
