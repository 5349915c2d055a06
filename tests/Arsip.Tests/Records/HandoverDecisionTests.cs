using Arsip.Organization;
using Arsip.Records;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Tests.Records;

/// <summary>The penyerahan decisions, called directly.</summary>
public class HandoverDecisionTests
{
    private static readonly Guid Umum = Guid.NewGuid(), Hukum = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly Position Head = new() { Id = Guid.NewGuid(), Title = "Wali Kota Bekasi", UnitId = Guid.NewGuid() };
    private static readonly Position Archivists = new() { Id = Guid.NewGuid(), Title = "Arsiparis", UnitId = Umum, ReportsTo = Head.Id, Roles = [Role.Archivist] };
    private static readonly Position[] Positions = [Head, Archivists];

    private static Caller As(Role role, Guid position, params Guid[] units) => new("kota-bekasi", Guid.NewGuid(), "Petugas", [position], units, [role]);
    private static readonly Caller Archivist = As(Role.Archivist, Archivists.Id, Umum);
    private static readonly Caller Mayor = As(Role.Official, Head.Id);
    private static readonly Caller HukumRegistrar = As(Role.Registrar, Guid.NewGuid(), Hukum);

    private static CaseFile Ended(FinalAction action = FinalAction.Permanen, Guid? unit = null, DateOnly? closed = null)
    {
        var f = CaseFile.Create(new CaseFileCreated(Guid.NewGuid(), unit ?? Umum, 2015, 4, "100.3", "Peraturan daerah", null, null, null, SecurityLevel.Biasa, false, Guid.NewGuid(), "x", Now));
        f.Apply(new LettersFiled(f.Id, [new FiledLetter(Guid.NewGuid(), LetterDirection.Incoming)], null, null, Guid.NewGuid(), "x", Now));
        f.Apply(new CaseFileClosed(f.Id, closed ?? new DateOnly(2016, 1, 5), new FixedRetention(1, "100.3", 2, 5, action, RetentionTrigger.CaseFileClosed), Guid.NewGuid(), "x", Now));
        return f;
    }

    private static Decision Propose(Caller caller, IEnumerable<CaseFile> files, IReadOnlySet<Guid>? held = null, string? institution = "Dinas Perpustakaan dan Kearsipan")
    {
        var list = files.ToList();
        return ProposeHandoverHandler.Decide(new ProposeHandoverCommand(caller, new ProposeHandover(institution, [.. list.Select(f => f.Id)])),
            list.ToDictionary(f => f.Id), held ?? new HashSet<Guid>(), Today, Guid.NewGuid(), Now);
    }

    [Fact]
    public void Berkas_past_retention_with_final_action_permanen_are_proposed_and_claimed()
    {
        var (a, b) = (Ended(), Ended());
        var decision = Propose(Archivist, [a, b]);
        decision.Refused.ShouldBeFalse();
        var proposed = decision.Events.OfType<HandoverProposed>().Single();
        proposed.CaseFileIds.ShouldBe([a.Id, b.Id]);
        proposed.Year.ShouldBe(2026);
        decision.Events.OfType<CaseFileProposed>().Select(e => (e.CaseFileId, e.Movement, e.ProposalId))
            .ShouldBe([(a.Id, Movement.Handover, proposed.HandoverId), (b.Id, Movement.Handover, proposed.HandoverId)]);
    }

    [Fact]
    public void Each_berkas_that_cannot_go_is_named_with_its_reason()
    {
        var musnah = Ended(FinalAction.Musnah);
        var young = Ended(closed: new DateOnly(2024, 1, 5));
        var held = Ended();
        var onTransfer = Ended();
        onTransfer.Apply(new CaseFileProposed(onTransfer.Id, Movement.Transfer, Guid.NewGuid(), Now));
        var retention = Propose(Archivist, [musnah, young]);
        retention.Refusal!.Status.ShouldBe(422);
        var conflict = Propose(Archivist, [Ended(), musnah, held, onTransfer], new HashSet<Guid> { held.Id });
        conflict.Refusal!.Status.ShouldBe(409);
        var named = (List<HandoverRefusal>)conflict.Refusal.Extensions["caseFiles"]!;
        named.Select(r => r.Id).ShouldBe([musnah.Id, held.Id, onTransfer.Id]);
        named[1].Reason.ShouldContain("ditangguhkan");
        named[2].Reason.ShouldContain("pemindahan");
    }

    [Fact]
    public void A_retention_ending_today_counts_on_the_agencys_local_day()
    {
        var file = Ended(closed: new DateOnly(2019, 11, 24)); // 2 + 5 years: the inactive period ends 2026-11-24
        HandoverRules.Ineligible(file, false, Today).ShouldBeNull();
        HandoverRules.Ineligible(file, false, Today.AddDays(-1))!.ShouldContain("belum berakhir");
    }

    [Fact]
    public void Who_may_propose_and_what_the_body_needs()
    {
        Propose(As(Role.Official, Guid.NewGuid(), Umum), [Ended()]).Refusal!.Status.ShouldBe(403);
        Propose(HukumRegistrar, [Ended()]).Refusal!.Status.ShouldBe(403); // another unit's berkas
        Propose(HukumRegistrar, [Ended(unit: Hukum)]).Refused.ShouldBeFalse();
        Propose(Archivist, [Ended()], institution: "  ").Refusal!.Status.ShouldBe(400);
        Propose(Archivist, []).Refusal!.Status.ShouldBe(400);
        var missing = ProposeHandoverHandler.Decide(new ProposeHandoverCommand(Archivist, new ProposeHandover("X", [Guid.NewGuid()])),
            new Dictionary<Guid, CaseFile>(), new HashSet<Guid>(), Today, Guid.NewGuid(), Now);
        missing.Refusal!.Status.ShouldBe(404);
    }

    private static HandoverProposal Proposal(params CaseFile[] files)
    {
        var h = HandoverProposal.Create(new HandoverProposed(Guid.NewGuid(), 2026, 3, "Dinas Perpustakaan dan Kearsipan", [.. files.Select(f => f.Id)], Guid.NewGuid(), "arsiparis", Now));
        return h;
    }

    [Fact]
    public void Only_the_agency_head_or_its_acting_official_approves_once()
    {
        var (a, b) = (Ended(), Ended());
        var h = Proposal(a, b);
        Decision Approve(Caller caller, IReadOnlySet<Guid>? held = null) =>
            ApproveHandoverHandler.Decide(new ApproveHandoverCommand(h.Id, caller), h, Positions, held ?? new HashSet<Guid>(), Today, Now);
        Approve(Archivist).Refusal!.Status.ShouldBe(403);
        Approve(As(Role.Official, Guid.NewGuid())).Refusal!.Status.ShouldBe(403);
        // a Plt holds the head's position among its positions (Caller.Positions includes acting ones)
        var plt = new Caller("kota-bekasi", Guid.NewGuid(), "Plt", [Guid.NewGuid(), Head.Id], [], [Role.Official]);
        Approve(plt).Refused.ShouldBeFalse();
        var decision = Approve(Mayor, new HashSet<Guid> { b.Id });
        decision.Events.OfType<HandoverApproved>().Single().PositionTitle.ShouldBe("Wali Kota Bekasi");
        decision.Events.OfType<HandoverItemSkipped>().Single().CaseFileId.ShouldBe(b.Id);
        decision.Events.OfType<CaseFileLeftProposal>().Single().CaseFileId.ShouldBe(b.Id);
        foreach (var e in decision.Events) { if (e is HandoverApproved ap) h.Apply(ap); else if (e is HandoverItemSkipped s) h.Apply(s); }
        h.CaseFileIds.ShouldBe([a.Id]);
        Approve(Mayor).Refusal!.Status.ShouldBe(409);
        ApproveHandoverHandler.Decide(new ApproveHandoverCommand(Guid.NewGuid(), Mayor), null, Positions, new HashSet<Guid>(), Today, Now).Refusal!.Status.ShouldBe(404);
    }

    private static HandoverProposal BuiltProposal(CaseFile a, CaseFile b, bool downloaded = true)
    {
        var h = Proposal(a, b);
        h.Apply(new HandoverApproved(h.Id, Guid.NewGuid(), "walikota", "Wali Kota Bekasi", new DateOnly(2026, 11, 20), Now));
        h.Apply(new HandoverPackageStarted(h.Id, 1, 2, Now));
        h.Apply(new HandoverPackageBuilt(h.Id, "p.zip", "ab", 10, "cd", "ef", "01", 2, 2, Now));
        if (downloaded) h.Apply(new HandoverPackageDownloaded(h.Id, Guid.NewGuid(), "arsiparis", Now));
        return h;
    }

    private static Decision Accept(HandoverProposal h, Caller caller, string? number = "TT/1", DateOnly? date = null, IReadOnlySet<Guid>? held = null) =>
        AcceptHandoverHandler.Decide(new AcceptHandoverCommand(h.Id, caller, new AcceptHandover(number, date ?? Today, null)), h, held ?? new HashSet<Guid>(), true, Today, Now);

    [Fact]
    public void The_acceptance_hands_over_each_berkas_still_on_it()
    {
        var (a, b) = (Ended(), Ended());
        var h = BuiltProposal(a, b);
        var decision = Accept(h, Archivist, held: new HashSet<Guid> { b.Id });
        decision.Events.OfType<CaseFileHandedOver>().Single().ShouldBe(new CaseFileHandedOver(a.Id, h.Id, Today, true, Now));
        decision.Events.OfType<HandoverItemSkipped>().Single().CaseFileId.ShouldBe(b.Id);
        decision.Events.OfType<HandoverAccepted>().Single().HandedOver.ShouldBe([a.Id]);
        var after = Ended();
        after.Apply(decision.Events.OfType<CaseFileHandedOver>().Single() with { CaseFileId = after.Id });
        after.Status.ShouldBe(CaseFileStatus.HandedOver);
        HandoverRules.Ineligible(after, false, Today)!.ShouldContain("sudah diserahkan");
    }

    [Fact]
    public void The_acceptance_refuses_what_is_not_ready_or_not_right()
    {
        var (a, b) = (Ended(), Ended());
        Accept(BuiltProposal(a, b), Mayor).Refusal!.Status.ShouldBe(403);
        Accept(BuiltProposal(a, b, downloaded: false), Archivist).Refusal!.Detail!.ShouldContain("Unduh paket");
        Accept(Proposal(a, b), Archivist).Refusal!.Status.ShouldBe(409);
        Accept(BuiltProposal(a, b), Archivist, number: "").Refusal!.Status.ShouldBe(400);
        Accept(BuiltProposal(a, b), Archivist, date: Today.AddDays(1)).Refusal!.Status.ShouldBe(400);
        Accept(BuiltProposal(a, b), Archivist, date: new DateOnly(2026, 11, 19)).Refusal!.Status.ShouldBe(400); // before the approval
        var accepted = BuiltProposal(a, b);
        accepted.Apply(Accept(accepted, Archivist).Events.OfType<HandoverAccepted>().Single());
        Accept(accepted, Archivist).Refusal!.Detail!.ShouldContain("nothing done");
    }

    [Fact]
    public void A_build_is_requested_only_once_approved_and_says_when_nothing_is_left_to_do()
    {
        var (a, b) = (Ended(), Ended());
        RequestHandoverPackageHandler.Decide(new(Guid.NewGuid(), Archivist), Proposal(a, b)).Refusal!.Status.ShouldBe(409);
        RequestHandoverPackageHandler.Decide(new(Guid.NewGuid(), Mayor), BuiltProposal(a, b)).Refusal!.Status.ShouldBe(403);
        RequestHandoverPackageHandler.Decide(new(Guid.NewGuid(), Archivist), BuiltProposal(a, b)).Refused.ShouldBeFalse();
    }

    [Theory]
    [InlineData(2026, "dua ribu dua puluh enam")]
    [InlineData(11, "sebelas")]
    [InlineData(17, "tujuh belas")]
    [InlineData(100, "seratus")]
    [InlineData(1100, "seribu seratus")]
    [InlineData(250_000, "dua ratus lima puluh ribu")]
    public void Numbers_are_written_in_words(int n, string words) => Arsip.Pdf.IndonesianDate.NumberInWords(n).ShouldBe(words);

    [Fact]
    public void A_date_in_words_for_the_berita_acara() =>
        Arsip.Pdf.IndonesianDate.InWords(new DateOnly(2026, 12, 7)).ShouldBe("Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh enam");
}
