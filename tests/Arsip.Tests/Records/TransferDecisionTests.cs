using Arsip.Organization;
using Arsip.Pdf;
using Arsip.Records;
using Arsip.ReferenceData;

namespace Arsip.Tests.Records;

/// <summary>The pemindahan and penilaian kembali decisions, called directly.</summary>
public class TransferDecisionTests
{
    private static readonly Guid Umum = Guid.NewGuid(), Organisasi = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static readonly Position Head = new() { Id = Guid.NewGuid(), Title = "Wali Kota", UnitId = Guid.NewGuid(), Roles = [Role.Official] };
    private static readonly Position KabagUmum = new() { Id = Guid.NewGuid(), Title = "Kepala Bagian Umum", UnitId = Umum, ReportsTo = Head.Id, Roles = [Role.Official] };
    private static readonly Position KabagOr = new() { Id = Guid.NewGuid(), Title = "Kepala Bagian Organisasi", UnitId = Organisasi, ReportsTo = Head.Id, Roles = [Role.Official] };
    private static readonly Position Analis = new() { Id = Guid.NewGuid(), Title = "Analis", UnitId = Organisasi, ReportsTo = KabagOr.Id, Roles = [Role.Official] };
    private static readonly Position Arsiparis = new() { Id = Guid.NewGuid(), Title = "Arsiparis", UnitId = Umum, ReportsTo = KabagUmum.Id, Roles = [Role.Archivist] };
    private static readonly Position[] Positions = [Head, KabagUmum, KabagOr, Analis, Arsiparis];

    private static Caller Holding(Position p, params Role[] roles) => new("kota-bekasi", Guid.NewGuid(), p.Title, [p.Id], [p.UnitId], roles.Length > 0 ? roles : p.Roles);
    private static readonly Caller Archivist = Holding(Arsiparis);
    private static readonly Caller OrHead = Holding(KabagOr);
    private static readonly Caller CentreHead = Holding(KabagUmum);
    private static readonly Caller OrAnalyst = Holding(Analis);

    private static CaseFile File(DateOnly closedOn, Guid? unit = null, FinalAction action = FinalAction.Musnah)
    {
        var f = CaseFile.Create(new CaseFileCreated(Guid.NewGuid(), unit ?? Organisasi, 2023, 7, "800.1", "Penataan kelembagaan", null, null, null, SecurityLevel.Biasa, false, Guid.NewGuid(), "x", Now));
        f.Apply(new CaseFileClosed(f.Id, closedOn, new FixedRetention(1, "800.1", 2, 5, action, RetentionTrigger.CaseFileClosed), Guid.NewGuid(), "x", Now));
        return f;
    }

    private static readonly DateOnly LongAgo = new(2023, 1, 10);

    private static TransferCandidates Candidates(IEnumerable<CaseFile> files, params Guid[] held) =>
        new(files.ToDictionary(f => f.Id), held.ToHashSet(), files.ToDictionary(f => f.Id, _ => 3));

    private static Unit OrUnit => new() { Id = Organisasi, Code = "OR", Name = "Bagian Organisasi" };

    private static Decision Propose(Caller caller, TransferCandidates candidates, params Guid[] ids) =>
        ProposeTransferHandler.Decide(new ProposeTransferCommand(caller, new ProposeTransfer(Organisasi, ids)), OrUnit, candidates, Guid.NewGuid(), Today, Now);

    private static int Status(Decision d) => d.Refusal.ShouldNotBeNull().Status!.Value;

    private static TransferProposal Proposal(TransferStatus status, params CaseFile[] files)
    {
        var t = TransferProposal.Create(new TransferProposed(Guid.NewGuid(), Organisasi, "Bagian Organisasi", [.. files.Select(f => TransferRules.Item(f, 1))], Guid.NewGuid(), "arsiparis", Now));
        if (status >= TransferStatus.Submitted) t.Apply(new TransferSubmitted(t.Id, Guid.NewGuid(), "arsiparis", Now));
        if (status >= TransferStatus.Approved) t.Apply(new TransferApproved(t.Id, KabagOr.Id, Guid.NewGuid(), "kabag.or", Today, Now));
        if (status == TransferStatus.Accepted) t.Apply(new TransferAccepted(t.Id, Umum, [], Guid.NewGuid(), "arsiparis", Today, "1/BA-PMD/2026", "abc", Now));
        return t;
    }

    [Fact]
    public void Proposing_an_inactive_berkas_puts_it_on_the_proposal_with_the_facts_listed()
    {
        var file = File(LongAgo);
        var decision = Propose(Archivist, Candidates([file]), file.Id);
        decision.Refused.ShouldBeFalse();
        var proposed = decision.Events.OfType<TransferProposed>().Single();
        proposed.Items.Single().ShouldBe(new TransferItem(file.Id, "7/2023", "800.1", "Penataan kelembagaan", "-", 3, "2 th aktif, 5 th inaktif, Musnah"));
        decision.Events.OfType<CaseFileProposed>().Single().ShouldBe(new CaseFileProposed(file.Id, Movement.Transfer, proposed.TransferId, Now));
    }

    [Fact]
    public void Proposing_refuses_each_ineligible_berkas_by_name()
    {
        var active = File(new DateOnly(2026, 1, 5));
        Status(Propose(Archivist, Candidates([active]), active.Id)).ShouldBe(422);
        var ended = File(new DateOnly(2015, 1, 5));
        Status(Propose(Archivist, Candidates([ended]), ended.Id)).ShouldBe(422);
        var held = File(LongAgo);
        var refusal = Propose(Archivist, Candidates([held], held.Id), held.Id).Refusal!;
        refusal.Status.ShouldBe(409);
        refusal.Detail!.ShouldContain("7/2023: ditangguhkan");
        var taken = File(LongAgo);
        taken.Apply(new CaseFileProposed(taken.Id, Movement.Disposal, Guid.NewGuid(), Now));
        Status(Propose(Archivist, Candidates([taken]), taken.Id)).ShouldBe(409);
        var moved = File(LongAgo);
        moved.Apply(new CaseFileTransferred(moved.Id, Guid.NewGuid(), Umum, Today, Now));
        Status(Propose(Archivist, Candidates([moved]), moved.Id)).ShouldBe(409);
        var elsewhere = File(LongAgo, unit: Umum);
        Status(Propose(Archivist, Candidates([elsewhere]), elsewhere.Id)).ShouldBe(422);
        Status(Propose(Archivist, Candidates([]), Guid.NewGuid())).ShouldBe(404);
        Status(Propose(OrAnalyst, Candidates([File(LongAgo)]), Guid.NewGuid())).ShouldBe(403);
        Status(Propose(Archivist, Candidates([]))).ShouldBe(400);
    }

    [Fact]
    public void Only_the_unit_head_or_its_acting_official_approves_a_submitted_proposal()
    {
        var t = Proposal(TransferStatus.Submitted, File(LongAgo));
        Status(ApproveTransferHandler.Decide(new(t.Id, CentreHead), t, Positions, Today, Now)).ShouldBe(403);
        Status(ApproveTransferHandler.Decide(new(t.Id, OrAnalyst), t, Positions, Today, Now)).ShouldBe(403);
        var plt = new Caller("kota-bekasi", Guid.NewGuid(), "Plt", [Analis.Id, KabagOr.Id], [Organisasi], [Role.Official]);
        ApproveTransferHandler.Decide(new(t.Id, plt), t, Positions, Today, Now).Events.Single().ShouldBeOfType<TransferApproved>().PositionId.ShouldBe(KabagOr.Id);
        Status(ApproveTransferHandler.Decide(new(t.Id, OrHead), Proposal(TransferStatus.Draft), Positions, Today, Now)).ShouldBe(409);
        Status(ApproveTransferHandler.Decide(new(t.Id, OrHead), null, Positions, Today, Now)).ShouldBe(404);
    }

    [Fact]
    public void Acceptance_moves_custody_skips_held_berkas_with_a_note_and_a_second_one_does_nothing()
    {
        var kept = File(LongAgo);
        var held = File(LongAgo);
        var t = Proposal(TransferStatus.Approved, kept, held);
        var hold = new LegalHold { Id = Guid.NewGuid(), Reference = "LHP-9", Active = true };
        var holds = new Dictionary<Guid, IReadOnlyList<LegalHold>> { [held.Id] = [hold] };
        Status(AcceptTransferHandler.Decide(new(t.Id, OrHead), t, Positions, holds, Today, Now)).ShouldBe(403);
        Status(AcceptTransferHandler.Decide(new(t.Id, Holding(Analis, Role.Archivist)), t, Positions, holds, Today, Now)).ShouldBe(403);  // an archivist outside the records centre

        var decision = AcceptTransferHandler.Decide(new(t.Id, Archivist), t, Positions, holds, Today, Now);
        decision.Events.OfType<TransferItemSkipped>().Single().Reason.ShouldContain("LHP-9");
        decision.Events.OfType<CaseFileLeftProposal>().Single().CaseFileId.ShouldBe(held.Id);
        decision.Events.OfType<TransferAccepted>().Single().CaseFileIds.ShouldBe([kept.Id]);
        decision.Events.OfType<CaseFileTransferred>().Single().ShouldBe(new CaseFileTransferred(kept.Id, t.Id, Umum, Today, Now));
        AcceptTransferHandler.Decide(new(t.Id, CentreHead), t, Positions, holds, Today, Now).Refused.ShouldBeFalse();

        var done = Proposal(TransferStatus.Accepted, kept);
        var again = AcceptTransferHandler.Decide(new(done.Id, Archivist), done, Positions, holds, Today, Now);
        (again.Refused, again.Events.Count).ShouldBe((false, 0));
        Status(AcceptTransferHandler.Decide(new(t.Id, Archivist), Proposal(TransferStatus.Submitted, kept), Positions, holds, Today, Now)).ShouldBe(409);
        Status(AcceptTransferHandler.Decide(new(t.Id, Archivist), Proposal(TransferStatus.Approved, held), Positions, holds, Today, Now)).ShouldBe(409);
    }

    [Fact]
    public void Rejection_and_refusal_need_a_reason_and_release_every_berkas()
    {
        var file = File(LongAgo);
        var submitted = Proposal(TransferStatus.Submitted, file);
        Status(RejectTransferHandler.Decide(new(submitted.Id, OrHead, new(" ")), submitted, Positions, Now)).ShouldBe(400);
        RejectTransferHandler.Decide(new(submitted.Id, OrHead, new("Belum lengkap")), submitted, Positions, Now)
            .Events.OfType<CaseFileLeftProposal>().Single().CaseFileId.ShouldBe(file.Id);
        var approved = Proposal(TransferStatus.Approved, file);
        Status(RefuseTransferHandler.Decide(new(approved.Id, OrHead, new("Penuh")), approved, Positions, Now)).ShouldBe(403);
        RefuseTransferHandler.Decide(new(approved.Id, CentreHead, new("Penuh")), approved, Positions, Now)
            .Events.OfType<CaseFileLeftProposal>().Single().CaseFileId.ShouldBe(file.Id);
    }

    [Fact]
    public void A_transferred_berkas_is_read_only()
    {
        var file = File(LongAgo);
        CaseFileRules.ReadOnlyRefusal(file).ShouldBeNull();
        file.Apply(new CaseFileTransferred(file.Id, Guid.NewGuid(), Umum, Today, Now));
        CaseFileRules.ReadOnlyRefusal(file)!.Detail!.ShouldContain("dipindahkan ke unit kearsipan");
        var registrar = new Caller("kota-bekasi", Guid.NewGuid(), "r", [], [Organisasi], [Role.Registrar]);
        Status(ReopenCaseFileHandler.Decide(new(file.Id, registrar, new("Perlu")), file, Today, Now)).ShouldBe(409);
    }

    [Fact]
    public void Reappraisal_is_decided_by_the_records_centre_head_once_per_berkas()
    {
        var file = File(new DateOnly(2015, 1, 5), action: FinalAction.DinilaiKembali);
        var opened = OpenReappraisalHandler.Decide(new(Archivist, new([file.Id])), Candidates([file]), new Dictionary<Guid, Unit> { [Organisasi] = OrUnit }, Guid.NewGuid(), Today, Now);
        var task = ReappraisalTask.Create(opened.Events.OfType<ReappraisalOpened>().Single());
        task.Items.Single().UnitName.ShouldBe("Bagian Organisasi");
        Status(OpenReappraisalHandler.Decide(new(OrAnalyst, new([file.Id])), Candidates([file]), new Dictionary<Guid, Unit>(), Guid.NewGuid(), Today, Now)).ShouldBe(403);
        var musnah = File(new DateOnly(2015, 1, 5));
        Status(OpenReappraisalHandler.Decide(new(Archivist, new([musnah.Id])), Candidates([musnah]), new Dictionary<Guid, Unit>(), Guid.NewGuid(), Today, Now)).ShouldBe(422);

        var body = new RecordReappraisal(file.Id, FinalAction.Permanen, "Nilai sejarah");
        Status(RecordReappraisalHandler.Decide(new(task.Id, Archivist, body), task, Positions, [], Now)).ShouldBe(403);
        Status(RecordReappraisalHandler.Decide(new(task.Id, CentreHead, body with { Outcome = FinalAction.DinilaiKembali }), task, Positions, [], Now)).ShouldBe(400);
        Status(RecordReappraisalHandler.Decide(new(task.Id, CentreHead, body), task, Positions, [new LegalHold { Reference = "PN-1" }], Now)).ShouldBe(409);
        var decided = RecordReappraisalHandler.Decide(new(task.Id, CentreHead, body), task, Positions, [], Now);
        decided.Events.OfType<CaseFileReappraised>().Single().Outcome.ShouldBe(FinalAction.Permanen);
        task.Apply(decided.Events.OfType<ReappraisalOutcomeRecorded>().Single());
        task.Status.ShouldBe(ReappraisalStatus.Completed);
        Status(RecordReappraisalHandler.Decide(new(task.Id, CentreHead, body), task, Positions, [], Now)).ShouldBe(409);
        file.Apply(decided.Events.OfType<CaseFileReappraised>().Single());
        file.FinalAction.ShouldBe(FinalAction.Permanen);
    }

    [Theory]
    [InlineData(2026, "dua ribu dua puluh enam")]
    [InlineData(11, "sebelas")]
    [InlineData(17, "tujuh belas")]
    [InlineData(100, "seratus")]
    [InlineData(1945, "seribu sembilan ratus empat puluh lima")]
    [InlineData(24, "dua puluh empat")]
    public void Numbers_are_written_in_Indonesian_words(int n, string words) => IndonesianDate.NumberInWords(n).ShouldBe(words);

    [Fact]
    public void A_berita_acara_writes_its_day_in_words() =>
        IndonesianDate.InWords(new DateOnly(2026, 12, 7)).ShouldBe("Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh enam");

    private static Decision Withdraw(TransferProposal? t, Caller caller, string? reason = "Salah pilih berkas") =>
        WithdrawTransferHandler.Decide(new WithdrawTransferCommand(t?.Id ?? Guid.NewGuid(), caller, new ProposalReason(reason)), t, Now);

    [Fact]
    public void A_draft_or_submitted_proposal_is_withdrawn_with_a_reason_and_its_berkas_leave_it_later_ones_are_refused()
    {
        var file = File(LongAgo);
        var t = Proposal(TransferStatus.Submitted, file);
        Status(Withdraw(null, Archivist)).ShouldBe(404);
        Status(Withdraw(t, OrHead)).ShouldBe(403);
        Status(Withdraw(t, Archivist, "")).ShouldBe(400);
        var decision = Withdraw(t, Archivist);
        decision.Events.OfType<CaseFileLeftProposal>().Single().CaseFileId.ShouldBe(file.Id);
        var draft = Proposal(TransferStatus.Draft, file);
        var proposer = new Caller("kota-bekasi", draft.ProposedByPersonId, "arsiparis", [], [Organisasi], [Role.Official]);
        Withdraw(draft, proposer).Refused.ShouldBeFalse("the proposer withdraws even without a role to propose now");
        t.Apply(decision.Events.OfType<TransferWithdrawn>().Single());
        t.Status.ShouldBe(TransferStatus.Withdrawn);
        t.Steps[^1].ShouldBe(new TransferStep("Ditarik kembali", Archivist.Name, Now, "Salah pilih berkas"));
        Status(Withdraw(t, Archivist)).ShouldBe(409);
        Status(Withdraw(Proposal(TransferStatus.Approved, file), Archivist)).ShouldBe(409);
    }

    [Fact]
    public void Waiting_decisions_name_what_waits_for_whom_since_the_agencys_local_date()
    {
        // submitted at 23:30 WIB on 20 November (16:30 UTC), asked on 24 November: four days
        var submittedAt = new DateTimeOffset(2026, 11, 20, 16, 30, 0, TimeSpan.Zero);
        var t = TransferProposal.Create(new TransferProposed(Guid.NewGuid(), Organisasi, "Bagian Organisasi", [TransferRules.Item(File(LongAgo), 1)], Guid.NewGuid(), "arsiparis", submittedAt));
        t.Apply(new TransferSubmitted(t.Id, Guid.NewGuid(), "arsiparis", submittedAt));
        IReadOnlyList<WaitingDecision> For(Caller caller) => WaitingDecisions.Of(caller, Positions, [t], [], [], [], AgencyTime.Default, Today);

        var waiting = For(OrHead).ShouldHaveSingleItem();
        (waiting.Kind, waiting.Url, waiting.SinceDate, waiting.Days).ShouldBe((WaitingKind.TransferApproval, $"/arsip/pemindahan/{t.Id}", new DateOnly(2026, 11, 20), 4));
        For(CentreHead).ShouldBeEmpty();
        For(Archivist).ShouldBeEmpty();

        t.Apply(new TransferApproved(t.Id, KabagOr.Id, OrHead.PersonId, "kabag.or", Today, Now));
        For(OrHead).ShouldBeEmpty();
        (For(CentreHead).ShouldHaveSingleItem().Kind, For(CentreHead)[0].Days).ShouldBe((WaitingKind.TransferAcceptance, 0));
        For(OrAnalyst).ShouldBeEmpty();
    }

    [Fact]
    public void A_reappraisal_is_withdrawn_by_an_archivist_while_berkas_wait_and_only_the_undecided_ones_leave_it()
    {
        var (decided, waiting) = (File(LongAgo), File(LongAgo));
        var r = ReappraisalTask.Create(new ReappraisalOpened(Guid.NewGuid(), [ReappraisalRules.Item(decided, "OR", 1), ReappraisalRules.Item(waiting, "OR", 1)], Guid.NewGuid(), "arsiparis", Now));
        r.Apply(new ReappraisalOutcomeRecorded(r.Id, decided.Id, FinalAction.Permanen, "Bukti sejarah", KabagUmum.Id, CentreHead.PersonId, "kabag", Now));
        Decision Withdraw(ReappraisalTask? task, Caller caller, string? reason = "JRA baru") =>
            WithdrawReappraisalHandler.Decide(new WithdrawReappraisalCommand(r.Id, caller, new ProposalReason(reason)), task, Now);
        Status(Withdraw(null, Archivist)).ShouldBe(404);
        Status(Withdraw(r, CentreHead)).ShouldBe(403);
        Status(Withdraw(r, Archivist, null)).ShouldBe(400);
        var decision = Withdraw(r, Archivist);
        decision.Events.OfType<CaseFileLeftProposal>().Single().CaseFileId.ShouldBe(waiting.Id);
        r.Apply(decision.Events.OfType<ReappraisalWithdrawn>().Single());
        r.Status.ShouldBe(ReappraisalStatus.Withdrawn);
        Status(Withdraw(r, Archivist)).ShouldBe(409);
        WaitingDecisions.Of(CentreHead, Positions, [], [], [], [r], AgencyTime.Default, Today).ShouldBeEmpty();
    }

    [Fact]
    public void A_proposed_handover_waits_for_the_agency_head_only_until_approved()
    {
        var h = HandoverProposal.Create(new HandoverProposed(Guid.NewGuid(), 2026, 3, "Dinas Perpustakaan dan Kearsipan", [Guid.NewGuid()], Guid.NewGuid(), "arsiparis", Now.AddDays(-2)));
        var head = Holding(Head);
        var waiting = WaitingDecisions.Of(head, Positions, [], [], [h], [], AgencyTime.Default, Today).ShouldHaveSingleItem();
        (waiting.Kind, waiting.Url, waiting.Days).ShouldBe((WaitingKind.HandoverApproval, $"/arsip/penyerahan/{h.Id}", 2));
        waiting.Title.ShouldContain("3/PNY/2026");
        WaitingDecisions.Of(Archivist, Positions, [], [], [h], [], AgencyTime.Default, Today).ShouldBeEmpty();
        h.Apply(new HandoverApproved(h.Id, head.PersonId, "Wali Kota", "Wali Kota", Today, Now));
        WaitingDecisions.Of(head, Positions, [], [], [h], [], AgencyTime.Default, Today).ShouldBeEmpty();
    }
}
