using System.Net;
using System.Net.Http.Json;
using Arsip.Audit;
using Arsip.Dispositions;
using Arsip.IntegrationTests.Dispositions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;

namespace Arsip.IntegrationTests.Audit;

/// <summary>
/// As-of and replay rebuild the dispositions too: issued to whom, who held each position then (placed or
/// acting), read, followed up, forwarded, completed; each at the instant asked, on the test clock.
/// </summary>
public class AsOfDispositionsTests(ArsipApp app) : DispositionTest(app)
{
    private async Task<LetterState> AsOfAsync(Guid letter, DateTimeOffset at) =>
        (await (await As("auditor")).GetFromJsonAsync<LetterState>($"/api/letters/{letter}?asOf={Uri.EscapeDataString(at.ToString("O"))}", ArsipApp.Json))!;

    private async Task<string> NameOf(string userName) => (await ChartAsync()).People.Single(p => p.UserName == userName).FullName;

    private void Advance() => App.Clock.Advance(TimeSpan.FromHours(1));

    [Fact]
    public async Task Dispositions_are_rebuilt_at_each_instant_with_who_held_each_position_then()
    {
        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        var kabagOr = await PositionOf("kabag.or");
        var kabagUmum = await PositionOf("kabag.umum");
        var kasubbag = await PositionOf("kasubbag.tu");
        // Rina (analis) acts for the Kepala Bagian Organisasi today only (Plh)
        (await PostAsync("admin", $"/api/organization/people/{await PersonId("analis")}/acting",
            new { positionId = kabagOr, kind = "Plh", from = today.ToString("yyyy-MM-dd"), until = today.ToString("yyyy-MM-dd") })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var letter = await LetterToAsync("sekda");
        var t0 = Now;
        Advance();
        var root = await DisposeAsync("sekda", letter, ["kabag.umum", "kabag.or"], lead: "kabag.umum");
        var t1 = Now;
        Advance();
        await DetailAsync("kabag.umum", root); // the read
        var t2 = Now;
        Advance();
        var child = await IssuedAsync(await ForwardAsync("kabag.umum", root, await Slip(["kasubbag.tu"])));
        var t3 = Now;
        Advance();
        (await PostAsync("kasubbag.tu", $"/api/dispositions/{child}/follow-ups", new { text = "Data sedang dihimpun" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var t4 = Now;
        Advance();
        (await PostAsync("kasubbag.tu", $"/api/dispositions/{child}/complete", new { note = "Data terkirim" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var t5 = Now;
        Advance();
        (await PostAsync("kabag.umum", $"/api/dispositions/{root}/complete")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        App.Clock.Advance(TimeSpan.FromDays(2)); // the acting day is over
        // Siti (kasubbag.tu) moves to another post: the past keeps her as the holder, now she is not
        (await (await As("admin")).PutAsJsonAsync($"/api/organization/people/{await PersonId("kasubbag.tu")}/position", new { positionId = await PositionOf("analis") }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var half = TimeSpan.FromMinutes(30);

        // before the first disposition: none
        (await AsOfAsync(letter, t0 + half)).Dispositions.ShouldBeEmpty();

        // issued: to whom (positions, their holders then, Plh included) and by whom
        var issued = (await AsOfAsync(letter, t1 + half)).Dispositions.ShouldHaveSingleItem();
        issued.IssuerName.ShouldBe(await NameOf("sekda"));
        issued.Recipients.ShouldAllBe(r => r.Status == RecipientStatus.Unread);
        var umumThen = issued.Recipients.Single(r => r.PositionId == kabagUmum);
        umumThen.Lead.ShouldBeTrue();
        umumThen.HeldBy.Select(h => h.Name).ShouldBe([await NameOf("kabag.umum")]);
        var orThen = issued.Recipients.Single(r => r.PositionId == kabagOr);
        orThen.HeldBy.Select(h => (h.Name, h.Acting)).ShouldBe([(await NameOf("kabag.or"), (ActingKind?)null), (await NameOf("analis"), ActingKind.Plh)], ignoreOrder: true);

        // read
        var read = (await AsOfAsync(letter, t2 + half)).Dispositions.Single();
        read.Recipients.Single(r => r.PositionId == kabagUmum).Status.ShouldBe(RecipientStatus.Read);
        read.Recipients.Single(r => r.PositionId == kabagUmum).FirstReadAt.ShouldBe(t2);
        read.Reads.Single().PersonName.ShouldBe(await NameOf("kabag.umum"));
        read.Recipients.Single(r => r.PositionId == kabagOr).Status.ShouldBe(RecipientStatus.Unread);

        // forwarded: the child slip and the parent's record of it
        var forwarded = (await AsOfAsync(letter, t3 + half)).Dispositions;
        forwarded.Select(d => d.Id).ShouldBe([root, child]);
        forwarded[0].Recipients.Single(r => r.PositionId == kabagUmum).Status.ShouldBe(RecipientStatus.InProgress);
        var forward = forwarded[0].Forwards.ShouldHaveSingleItem();
        forward.DispositionId.ShouldBe(child);
        forward.ByName.ShouldBe(await NameOf("kabag.umum"));
        forwarded[1].Depth.ShouldBe(1);
        var tuThen = forwarded[1].Recipients.Single();
        tuThen.Status.ShouldBe(RecipientStatus.Unread);
        tuThen.HeldBy.Select(h => h.Name).ShouldBe([await NameOf("kasubbag.tu")]);

        // followed up, then completed
        var followed = (await AsOfAsync(letter, t4 + half)).Dispositions.Single(d => d.Id == child);
        followed.FollowUps.Single().Text.ShouldBe("Data sedang dihimpun");
        followed.Recipients.Single().Status.ShouldBe(RecipientStatus.InProgress);
        var completed = (await AsOfAsync(letter, t5 + half)).Dispositions;
        completed.Single(d => d.Id == child).Recipients.Single().Status.ShouldBe(RecipientStatus.Done);
        completed.Single(d => d.Id == child).Recipients.Single().CompletedBy.ShouldBe(await NameOf("kasubbag.tu"));
        completed.Single(d => d.Id == root).Recipients.Single(r => r.PositionId == kabagUmum).Status.ShouldBe(RecipientStatus.InProgress);
        completed.Single(d => d.Id == child).Recipients.Single().HeldBy.Select(h => h.Name).ShouldBe([await NameOf("kasubbag.tu")]);

        // now: the lead is done, the Plh day has passed, the Kasubbag TU post is vacant
        var now = (await (await As("auditor")).GetFromJsonAsync<LetterState>($"/api/letters/{letter}", ArsipApp.Json))!.Dispositions;
        now.Single(d => d.Id == root).Recipients.Single(r => r.PositionId == kabagUmum).Status.ShouldBe(RecipientStatus.Done);
        now.Single(d => d.Id == root).Recipients.Single(r => r.PositionId == kabagOr).HeldBy.Select(h => h.Name).ShouldBe([await NameOf("kabag.or")]);
        now.Single(d => d.Id == child).Recipients.Single(r => r.PositionId == kasubbag).HeldBy.ShouldBeEmpty();

        // a version of the letter's own stream: version 2 is the first disposition's record on the letter
        var version2 = (await (await As("auditor")).GetFromJsonAsync<LetterState>($"/api/letters/{letter}?version=2", ArsipApp.Json))!;
        version2.Version.ShouldBe(2);
        version2.Dispositions.ShouldHaveSingleItem().Recipients.ShouldAllBe(r => r.Status == RecipientStatus.Unread);
    }

    [Fact]
    public async Task The_replay_numbers_every_event_of_the_letter_and_its_dispositions_and_shows_what_each_changed()
    {
        var letter = await LetterToAsync("sekda");
        Advance();
        var root = await DisposeAsync("sekda", letter, ["kabag.umum"], lead: "kabag.umum");
        Advance();
        await DetailAsync("kabag.umum", root);
        Advance();
        (await PostAsync("kabag.umum", $"/api/dispositions/{root}/complete", new { note = "Selesai" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var auditor = await As("auditor");
        var index = (await auditor.GetFromJsonAsync<ReplayIndex>($"/api/letters/{letter}/replay", ArsipApp.Json))!;
        index.Events.Select(e => e.Type).ShouldBe(["incoming_letter_registered", "disposition_issued", "letter_disposed", "disposition_read", "disposition_completed"]);
        index.Events.Select(e => e.Step).ShouldBe([1, 2, 3, 4, 5]);
        index.Events.Select(e => e.Stream).ShouldBe(["letter", "disposition", "letter", "disposition", "disposition"]);
        index.Steps.ShouldBe(5);

        var first = (await auditor.GetFromJsonAsync<ReplayStep>($"/api/letters/{letter}/replay/1", ArsipApp.Json))!;
        first.Steps.ShouldBe(5);
        first.State.Dispositions.ShouldBeEmpty();
        first.Changes.ShouldContain(c => c.Path == "letter/subject" && c.Before == null && c.After == "\"Permohonan data kepegawaian\"");

        var read = (await auditor.GetFromJsonAsync<ReplayStep>($"/api/letters/{letter}/replay/4", ArsipApp.Json))!;
        read.Event.Type.ShouldBe("disposition_read");
        read.Changes.ShouldContain(c => c.Path == $"dispositions/{root}/recipients/0/status" && c.Before == "\"Unread\"" && c.After == "\"Read\"");
        read.Changes.ShouldAllBe(c => c.Path.StartsWith($"dispositions/{root}/"), "a read changes only its disposition");
        read.State.Dispositions.Single().Recipients.Single().HeldBy.Single().Name.ShouldBe((await ChartAsync()).People.Single(p => p.UserName == "kabag.umum").FullName);

        var done = (await auditor.GetFromJsonAsync<ReplayStep>($"/api/letters/{letter}/replay/5", ArsipApp.Json))!;
        done.Changes.ShouldContain(c => c.Path == $"dispositions/{root}/recipients/0/status" && c.After == "\"Done\"");

        (await auditor.GetAsync($"/api/letters/{letter}/replay/6")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await auditor.GetAsync($"/api/letters/{letter}/replay/0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await As("kadinkes")).GetAsync($"/api/letters/{letter}/replay")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("auditor", "kab-bekasi")).GetAsync($"/api/letters/{letter}/replay/1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
