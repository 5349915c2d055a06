using System.Net;
using System.Net.Http.Json;
using Arsip.Audit;
using Arsip.Dispositions;
using Arsip.IntegrationTests.Infrastructure;

namespace Arsip.IntegrationTests.Dispositions;

/// <summary>Issuing, reading, forwarding, following up, completing, withdrawing and closing, through HTTP.</summary>
public class DispositionFlowTests(ArsipApp app) : DispositionTest(app)
{
    [Fact]
    public async Task The_addressee_disposes_down_the_line_and_recipients_work_it_to_a_settled_letter()
    {
        var letter = await LetterToAsync("sekda");
        var root = await DisposeAsync("sekda", letter, ["kabag.umum", "kabag.or"], lead: "kabag.umum");

        // the letter's history shows the disposition; the default deadline follows urgency (Segera: 2 x 24 h)
        var history = await (await As("sekda")).GetFromJsonAsync<List<HistoryEntry>>($"/api/letters/{letter}/history", ArsipApp.Json);
        history!.Select(h => h.Type).ShouldContain(t => t.Contains("disposed"));
        var detail = await DetailAsync("sekda", root);
        detail.Disposition.Deadline.ShouldBe(Now.AddHours(48), TimeSpan.FromSeconds(5));
        detail.Disposition.Reads.ShouldBeEmpty(); // the issuer opening it is not a read
        detail.Recipients.ShouldAllBe(r => r.Status == RecipientStatus.Unread);

        // a recipient's first opening is recorded once per person
        (await DetailAsync("kabag.umum", root)).Disposition.Reads.Count.ShouldBe(1);
        (await DetailAsync("kabag.umum", root)).Disposition.Reads.Count.ShouldBe(1);
        var read = await DetailAsync("sekda", root);
        var umum = await PositionOf("kabag.umum");
        read.Recipients.Single(r => r.PositionId == umum).Status.ShouldBe(RecipientStatus.Read);
        read.Disposition.Reads.Single().PersonName.ShouldBe("Drs. Agus Salim, M.Si.");

        // forward further down (to any depth below one's own position)
        var child = await IssuedAsync(await ForwardAsync("kabag.umum", root, await Slip(["kasubbag.tu"], instructions: ["KAJI", "SARAN"])));
        var orChild = await IssuedAsync(await ForwardAsync("kabag.or", root, await Slip(["analis"])));
        (await PostAsync("kasubbag.tu", $"/api/dispositions/{child}/follow-ups", new { text = "Data sedang dihimpun" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var tree = await TreeAsync("sekda", letter);
        tree.Settled.ShouldBeFalse();
        var node = tree.Dispositions.ShouldHaveSingleItem();
        node.Children.Count.ShouldBe(2);
        node.Recipients.Single(r => r.Lead).Status.ShouldBe(RecipientStatus.InProgress);
        var kajian = node.Children.Single(c => c.Id == child);
        kajian.Instructions.ShouldBe(["KAJI", "SARAN"]);
        kajian.Recipients.Single().Status.ShouldBe(RecipientStatus.InProgress);
        kajian.FollowUps.Single().Text.ShouldBe("Data sedang dihimpun");

        // work done bottom-up; the issuer closes once the lead is done; the letter is settled
        (await PostAsync("kasubbag.tu", $"/api/dispositions/{child}/complete", new { note = "Data terkirim" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("kabag.umum", $"/api/dispositions/{child}/close")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeProblem(await PostAsync("sekda", $"/api/dispositions/{root}/close"), HttpStatusCode.Conflict, "penanggung jawab");
        (await PostAsync("kabag.umum", $"/api/dispositions/{root}/complete")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await TreeAsync("sekda", letter)).Settled.ShouldBeFalse(); // the Organisasi branch is still open
        (await PostAsync("analis", $"/api/dispositions/{orChild}/complete")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await TreeAsync("sekda", letter)).Settled.ShouldBeTrue(); // lead done, every live branch done or closed
        (await PostAsync("sekda", $"/api/dispositions/{root}/close")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var settled = await TreeAsync("analis", letter);
        settled.Settled.ShouldBeTrue();
        settled.Dispositions.Single().State.ShouldBe(DispositionState.Closed);

        // after closure: refused with 409
        await ShouldBeProblem(await PostAsync("kabag.or", $"/api/dispositions/{root}/complete"), HttpStatusCode.Conflict, "ditutup");
        await ShouldBeProblem(await ForwardAsync("kabag.or", root, await Slip(["analis"])), HttpStatusCode.Conflict, "ditutup");
        await ShouldBeProblem(await PostAsync("kabag.or", $"/api/dispositions/{root}/follow-ups", new { text = "x" }), HttpStatusCode.Conflict);
        await ShouldBeProblem(await PostAsync("sekda", $"/api/dispositions/{root}/close"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Without_a_lead_every_recipient_must_be_done_before_closing_and_completing_twice_is_refused()
    {
        var letter = await LetterToAsync("sekda");
        var slip = await DisposeAsync("sekda", letter, ["kabag.umum", "kabag.hukum"]);
        (await PostAsync("kabag.umum", $"/api/dispositions/{slip}/complete")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeProblem(await PostAsync("kabag.umum", $"/api/dispositions/{slip}/complete"), HttpStatusCode.Conflict, "sudah diselesaikan");
        await ShouldBeProblem(await PostAsync("sekda", $"/api/dispositions/{slip}/close"), HttpStatusCode.Conflict, "Belum semua");
        await ShouldBeProblem(await PostAsync("kabag.umum", $"/api/dispositions/{slip}/close"), HttpStatusCode.Forbidden);
        (await PostAsync("kabag.hukum", $"/api/dispositions/{slip}/complete")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("sekda", $"/api/dispositions/{slip}/close")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_issuer_withdraws_only_while_no_recipient_has_read_it()
    {
        var letter = await LetterToAsync("sekda");
        var unread = await DisposeAsync("sekda", letter, ["kabag.hukum"]);
        await ShouldBeProblem(await PostAsync("kabag.hukum", $"/api/dispositions/{unread}/withdraw"), HttpStatusCode.Forbidden);
        (await PostAsync("sekda", $"/api/dispositions/{unread}/withdraw", new { reason = "Salah alamat" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeProblem(await PostAsync("sekda", $"/api/dispositions/{unread}/withdraw"), HttpStatusCode.Conflict, "ditarik");
        await ShouldBeProblem(await PostAsync("kabag.hukum", $"/api/dispositions/{unread}/complete"), HttpStatusCode.Conflict, "ditarik");
        await ShouldBeProblem(await ForwardAsync("kabag.hukum", unread, await Slip(["kasubbag.tu"])), HttpStatusCode.Conflict, "ditarik");

        var read = await DisposeAsync("sekda", letter, ["kabag.umum"]);
        await DetailAsync("kabag.umum", read);
        await ShouldBeProblem(await PostAsync("sekda", $"/api/dispositions/{read}/withdraw"), HttpStatusCode.Conflict, "sudah dibaca");

        var tree = await TreeAsync("sekda", letter);
        tree.Dispositions.Single(d => d.Id == unread).State.ShouldBe(DispositionState.Withdrawn);
        (await (await As("kabag.hukum")).GetFromJsonAsync<InboxPage>("/api/inbox/dispositions?status=all", ArsipApp.Json))!
            .Items.Single(i => i.DispositionId == unread).State.ShouldBe(DispositionState.Withdrawn);
    }

    [Fact]
    public async Task Refusals_name_the_rule_broken()
    {
        var letter = await LetterToAsync("sekda");
        // outside the reporting line: the Inspektur reports to the Wali Kota, not the Sekda
        await ShouldBeProblem(await IssueAsync("sekda", letter, await Slip(["inspektur"])), HttpStatusCode.Forbidden, "garis komando");
        await ShouldBeProblem(await IssueAsync("sekda", letter, await Slip(["sekda"])), HttpStatusCode.BadRequest, "jabatan sendiri");
        await ShouldBeProblem(await IssueAsync("sekda", letter, await Slip(["kabag.umum"], instructions: ["BAKAR"])), HttpStatusCode.BadRequest, "tidak ada dalam daftar");
        await ShouldBeProblem(await IssueAsync("sekda", letter, await Slip(["kabag.umum"], deadline: Now.AddMinutes(-1))), HttpStatusCode.BadRequest, "masa lalu");
        // only the addressee position issues the first disposition; others who cannot see the letter get 404, never a hint
        await ShouldBeProblem(await IssueAsync("kabag.umum", letter, await Slip(["kasubbag.tu"])), HttpStatusCode.Forbidden, "jabatan yang dituju");
        await ShouldBeProblem(await IssueAsync("kadinkes", letter, await Slip(["kabag.umum"])), HttpStatusCode.NotFound);
        (await (await As("kadinkes")).GetAsync($"/api/letters/{letter}/dispositions")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // a recipient disposes only within its own line; a non-recipient cannot forward
        var slip = await DisposeAsync("sekda", letter, ["kabag.umum"]);
        await ShouldBeProblem(await ForwardAsync("kabag.umum", slip, await Slip(["analis"])), HttpStatusCode.Forbidden, "garis komando");
        await ShouldBeProblem(await ForwardAsync("sekda", slip, await Slip(["kabag.or"])), HttpStatusCode.Forbidden, "penerima");
        (await (await As("kadinkes")).GetAsync($"/api/dispositions/{slip}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ShouldBeProblem(await PostAsync("kadinkes", $"/api/dispositions/{slip}/complete"), HttpStatusCode.NotFound);
        // the same client id twice is a duplicate, not a second slip
        var id = Guid.CreateVersion7();
        await IssuedAsync(await IssueAsync("sekda", letter, await Slip(["kabag.hukum"], id: id)));
        await ShouldBeProblem(await IssueAsync("sekda", letter, await Slip(["kabag.hukum"], id: id)), HttpStatusCode.Conflict);
        (await TreeAsync("sekda", letter)).Dispositions.Count(d => d.Id == id).ShouldBe(1);
    }

    [Fact]
    public async Task A_secret_letter_opens_to_the_disposition_chain_only()
    {
        var letter = await LetterToAsync("sekda", securityLevel: "Rahasia");
        (await (await As("kabag.umum")).GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var slip = await DisposeAsync("sekda", letter, ["kabag.umum"]);
        (await (await As("kabag.umum")).GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await As("kasubbag.tu")).GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await IssuedAsync(await ForwardAsync("kabag.umum", slip, await Slip(["kasubbag.tu"])));
        (await (await As("kasubbag.tu")).GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var outsider in new[] { "kabag.or", "auditor", "admin" })
        {
            (await (await As(outsider)).GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, outsider);
            (await (await As(outsider)).GetAsync($"/api/dispositions/{slip}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, outsider);
        }
    }

    [Fact]
    public async Task An_acting_official_Plh_disposes_for_the_position_and_both_are_recorded()
    {
        var kabagUmum = await PositionOf("kabag.umum");
        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        (await (await As("admin")).PostAsJsonAsync($"/api/organization/people/{await PersonId("kasubbag.tu")}/acting",
            new { positionId = kabagUmum, kind = "Plh", from = today, until = today.AddDays(2) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var plh = await App.SignInAsync("kasubbag.tu"); // a fresh sign-in, so the acting assignment is in the claims

        var letter = await LetterToAsync("kabag.umum");
        var response = await plh.PostAsJsonAsync($"/api/letters/{letter}/dispositions", await Slip(["arsiparis"], asPosition: kabagUmum), ArsipApp.Json);
        var slip = await IssuedAsync(response);

        var detail = await DetailAsync("kabag.umum", slip);
        detail.Disposition.IssuerPositionId.ShouldBe(kabagUmum);
        detail.Disposition.IssuerPersonId.ShouldBe(await PersonId("kasubbag.tu"));
        detail.Disposition.IssuerActing.ShouldBe(Arsip.Organization.ActingKind.Plh);
        detail.Disposition.IssuerName.ShouldBe("Siti Nurhaliza, S.E.");
        // the position's holder (issuer position) can withdraw what the Plh issued, as long as it is unread
        (await PostAsync("kabag.umum", $"/api/dispositions/{slip}/withdraw")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Concurrent_actions_on_one_disposition_never_lose_an_update()
    {
        var letter = await LetterToAsync("sekda");
        var slip = await DisposeAsync("sekda", letter, ["kabag.umum", "kabag.or", "kabag.hukum"]);
        await DetailAsync("kabag.umum", slip);
        await DetailAsync("kabag.or", slip);

        // the same recipient completing twice at once: exactly one wins
        var same = await Task.WhenAll(
            PostAsync("kabag.umum", $"/api/dispositions/{slip}/complete"),
            PostAsync("kabag.umum", $"/api/dispositions/{slip}/complete"));
        same.Count(r => r.StatusCode == HttpStatusCode.NoContent).ShouldBe(1);
        same.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(1);

        // different recipients at once: each either lands or gets 409 and retries; nothing is lost
        var first = await Task.WhenAll(
            PostAsync("kabag.or", $"/api/dispositions/{slip}/complete"),
            PostAsync("kabag.hukum", $"/api/dispositions/{slip}/follow-ups", new { text = "Mulai dikaji" }));
        first.ShouldAllBe(r => r.StatusCode == HttpStatusCode.NoContent || r.StatusCode == HttpStatusCode.Conflict);
        if (first[0].StatusCode == HttpStatusCode.Conflict)
            (await PostAsync("kabag.or", $"/api/dispositions/{slip}/complete")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var expectedFollowUps = first[1].StatusCode == HttpStatusCode.NoContent ? 2 : 1;

        var racing = await Task.WhenAll(
            PostAsync("kabag.hukum", $"/api/dispositions/{slip}/follow-ups", new { text = "Sedang dikaji" }),
            PostAsync("sekda", $"/api/dispositions/{slip}/withdraw"));
        racing[1].StatusCode.ShouldBe(HttpStatusCode.Conflict); // already read, so never withdrawn
        if (racing[0].StatusCode == HttpStatusCode.Conflict)
            (await PostAsync("kabag.hukum", $"/api/dispositions/{slip}/follow-ups", new { text = "Sedang dikaji" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var detail = await DetailAsync("sekda", slip);
        var (umum, or, hukum) = (await PositionOf("kabag.umum"), await PositionOf("kabag.or"), await PositionOf("kabag.hukum"));
        detail.Recipients.Single(r => r.PositionId == umum).Status.ShouldBe(RecipientStatus.Done);
        detail.Recipients.Single(r => r.PositionId == or).Status.ShouldBe(RecipientStatus.Done);
        detail.Recipients.Single(r => r.PositionId == hukum).Status.ShouldBe(RecipientStatus.InProgress);
        detail.Disposition.FollowUps.Count.ShouldBe(expectedFollowUps);
        detail.Disposition.State.ShouldBe(DispositionState.Open);
    }

    [Fact]
    public async Task Two_recipients_forwarding_at_once_both_land_or_one_is_told_to_retry()
    {
        var letter = await LetterToAsync("sekda");
        var slip = await DisposeAsync("sekda", letter, ["kabag.umum", "kabag.or"]);
        (string Issuer, object Slip)[] attempts = [("kabag.umum", await Slip(["kasubbag.tu"])), ("kabag.or", await Slip(["analis"]))];
        var forwards = await Task.WhenAll(attempts.Select(a => ForwardAsync(a.Issuer, slip, a.Slip)));
        forwards.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict);
        var landed = forwards.Count(r => r.StatusCode == HttpStatusCode.Created);
        landed.ShouldBeGreaterThan(0, "of two racing forwards the first to commit lands; only the other may be told to retry");
        (await ChildrenAsync()).ShouldBe(landed); // the parent's record matches what was stored
        (await DisposedEventsAsync()).ShouldBe(1 + landed);

        for (var i = 0; i < attempts.Length; i++)
            if (forwards[i].StatusCode == HttpStatusCode.Conflict)
                (await ForwardAsync(attempts[i].Issuer, slip, attempts[i].Slip)).StatusCode.ShouldBe(HttpStatusCode.Created, "the retry lands");
        (await ChildrenAsync()).ShouldBe(2);
        (await DisposedEventsAsync()).ShouldBe(3);

        async Task<int> ChildrenAsync() => (await TreeAsync("sekda", letter)).Dispositions.Single().Children.Count;
        async Task<int> DisposedEventsAsync() =>
            (await (await As("sekda")).GetFromJsonAsync<List<HistoryEntry>>($"/api/letters/{letter}/history", ArsipApp.Json))!.Count(h => h.Type.Contains("disposed"));
    }
}
