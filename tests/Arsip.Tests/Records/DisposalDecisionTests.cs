using Arsip.Organization;
using Arsip.Pdf;
using Arsip.Records;
using Arsip.ReferenceData;

namespace Arsip.Tests.Records;

/// <summary>The pemusnahan decisions, called directly: eligibility, the panitia penilai, assessments, approvals, execution and its batches.</summary>
public class DisposalDecisionTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly Unit Umum = new() { Id = Guid.NewGuid(), Code = "Umum", Name = "Bagian Umum" };
    private static readonly Unit Setda = new() { Id = Guid.NewGuid(), Code = "Setda", Name = "Sekretariat Daerah" };

    private static readonly Position Head = new() { Id = Guid.NewGuid(), Title = "Wali Kota", UnitId = Setda.Id, Roles = [Role.Official] };
    private static readonly Position KabagUmum = new() { Id = Guid.NewGuid(), Title = "Kepala Bagian Umum", UnitId = Umum.Id, ReportsTo = Head.Id, Roles = [Role.Official] };
    private static readonly Position Kasubbag = new() { Id = Guid.NewGuid(), Title = "Kepala Subbagian TU", UnitId = Umum.Id, ReportsTo = KabagUmum.Id, Roles = [Role.Official] };
    private static readonly Position ArchivistPost = new() { Id = Guid.NewGuid(), Title = "Arsiparis", UnitId = Umum.Id, ReportsTo = KabagUmum.Id, Roles = [Role.Archivist] };
    private static readonly Position[] Positions = [Head, KabagUmum, Kasubbag, ArchivistPost];

    private static readonly CommitteeCandidate Chair = new(Guid.NewGuid(), "Agus", [KabagUmum], true);
    private static readonly CommitteeCandidate Archivist = new(Guid.NewGuid(), "Rina", [ArchivistPost], true);
    private static readonly CommitteeCandidate Member = new(Guid.NewGuid(), "Siti", [Kasubbag], true);
    private static readonly Caller Proposer = new("kota-bekasi", Archivist.PersonId, "Rina", [ArchivistPost.Id], [Umum.Id], [Role.Archivist]);

    private static CaseFile Ended(int active = 2, int inactive = 5, FinalAction action = FinalAction.Musnah, DateOnly? closed = null)
    {
        var f = CaseFile.Create(new CaseFileCreated(Guid.NewGuid(), Umum.Id, 2015, 1, "000.1", "Surat menyurat", null, null, null, SecurityLevel.Biasa, false, Guid.NewGuid(), "x", Now));
        f.Apply(new LettersFiled(f.Id, [new FiledLetter(Guid.NewGuid(), LetterDirection.Incoming)], null, null, Guid.NewGuid(), "x", Now));
        f.Apply(new CaseFileClosed(f.Id, closed ?? new DateOnly(2015, 1, 10), new FixedRetention(1, "000.1", active, inactive, action, RetentionTrigger.CaseFileClosed), Guid.NewGuid(), "x", Now));
        return f;
    }

    private static ProposingContext Context(IEnumerable<CaseFile> files, Dictionary<Guid, IReadOnlyList<LegalHold>>? holds = null, Dictionary<Guid, int>? open = null) =>
        new(null, files.ToDictionary(f => f.Id), new Dictionary<Guid, Unit> { [Umum.Id] = Umum, [Setda.Id] = Setda }, holds ?? [], open ?? [],
            new[] { Chair, Archivist, Member }.ToDictionary(c => c.PersonId), Positions, Guid.NewGuid(), Today, Now);

    private static Decision Propose(CaseFile[] files, Guid[]? committee = null, ProposingContext? context = null) =>
        ProposeDisposalHandler.Decide(new ProposeDisposalCommand(Proposer, new ProposeDisposal(null, [.. files.Select(f => f.Id)], committee ?? [Chair.PersonId, Archivist.PersonId, Member.PersonId], null)),
            context ?? Context(files));

    private static DisposalProposal Proposal(params CaseFile[] files)
    {
        var proposed = (DisposalProposed)Propose(files).Events[0];
        return DisposalProposal.Create(proposed);
    }

    private static int Status(Decision d) => d.Refusal.ShouldNotBeNull().Status!.Value;

    private static void AllAgree(DisposalProposal p)
    {
        foreach (var m in p.Committee)
            foreach (var i in p.Remaining.ToList())
                p.Apply(new DisposalAssessed(p.Id, i.CaseFileId, m.PersonId, m.Name, AssessmentVerdict.Agree, null, null, Now));
    }

    [Fact]
    public void An_ended_musnah_berkas_is_proposed_with_its_committee_and_put_on_the_proposal()
    {
        var file = Ended();
        var decision = Propose([file]);
        decision.Refused.ShouldBeFalse();
        var proposed = decision.Events[0].ShouldBeOfType<DisposalProposed>();
        proposed.Committee.First().Chair.ShouldBeTrue();
        proposed.Committee.Single(m => m.Archivist).PersonId.ShouldBe(Archivist.PersonId);
        proposed.Items.Single().NeedsExternalApproval.ShouldBeFalse();
        decision.Events[1].ShouldBe(new CaseFileProposed(file.Id, Movement.Disposal, proposed.DisposalId, Now));
    }

    [Fact]
    public void A_berkas_not_ended_not_musnah_held_proposed_or_with_open_dispositions_is_refused_naming_it()
    {
        Status(Propose([Ended(closed: new DateOnly(2024, 1, 1))])).ShouldBe(422);
        Status(Propose([Ended(action: FinalAction.Permanen)])).ShouldBe(422);
        var held = Ended();
        var hold = new LegalHold { Id = Guid.NewGuid(), Active = true, Reference = "LHP 1", Reason = "Audit" };
        var refusal = Propose([held], context: Context([held], holds: new() { [held.Id] = [hold] })).Refusal!;
        refusal.Status.ShouldBe(409);
        refusal.Detail!.ShouldContain("LHP 1");
        var proposed = Ended();
        proposed.Apply(new CaseFileProposed(proposed.Id, Movement.Transfer, Guid.NewGuid(), Now));
        Status(Propose([proposed])).ShouldBe(409);
        var busy = Ended();
        Status(Propose([busy], context: Context([busy], open: new() { [busy.Id] = 1 }))).ShouldBe(409);
    }

    [Fact]
    public void The_committee_needs_three_people_an_archivist_and_the_records_centre_head()
    {
        var file = Ended();
        Status(Propose([file], [Chair.PersonId, Archivist.PersonId])).ShouldBe(400);
        Status(Propose([file], [Chair.PersonId, Member.PersonId, Member.PersonId])).ShouldBe(400);
        var other = new CommitteeCandidate(Guid.NewGuid(), "Budi", [Kasubbag], true);
        var context = Context([file]) with { People = new[] { Chair, Archivist, Member, other }.ToDictionary(c => c.PersonId) };
        Status(Propose([file], [Chair.PersonId, Member.PersonId, other.PersonId], context)).ShouldBe(400);
        Status(Propose([file], [Archivist.PersonId, Member.PersonId, other.PersonId], context)).ShouldBe(400);
        Status(Propose([file], [Chair.PersonId, Archivist.PersonId, Guid.NewGuid()])).ShouldBe(400);
    }

    [Fact]
    public void Keeping_longer_takes_the_berkas_off_the_proposal_and_extends_its_retention_from_today()
    {
        var kept = Ended();
        var p = Proposal(kept, Ended());
        var command = new AssessDisposalCommand(p.Id, new Caller("kota-bekasi", Member.PersonId, "Siti", [Kasubbag.Id], [Umum.Id], [Role.Official]),
            new AssessDisposal([new BerkasAssessment(kept.Id, AssessmentVerdict.KeepLonger, "Masih dipakai", 3)]));
        var decision = AssessDisposalHandler.Decide(command, p, new Dictionary<Guid, CaseFile> { [kept.Id] = kept }, Today, Now);
        decision.Events.OfType<CaseFileLeftProposal>().Single().CaseFileId.ShouldBe(kept.Id);
        decision.Events.OfType<CaseFileRetentionExtended>().Single().InactiveUntil.ShouldBe(new DateOnly(2029, 11, 24));
        foreach (var e in decision.Events.OfType<DisposalItemWithdrawn>()) p.Apply(e);
        p.Remaining.Count().ShouldBe(1);

        var noReason = command with { Body = new AssessDisposal([new BerkasAssessment(kept.Id, AssessmentVerdict.KeepLonger, " ", 3)]) };
        Status(AssessDisposalHandler.Decide(noReason, Proposal(kept), new Dictionary<Guid, CaseFile>(), Today, Now)).ShouldBe(400);
        var stranger = command with { Caller = new Caller("kota-bekasi", Guid.NewGuid(), "Lain", [], [], [Role.Official]) };
        Status(AssessDisposalHandler.Decide(stranger, Proposal(kept), new Dictionary<Guid, CaseFile>(), Today, Now)).ShouldBe(403);
    }

    [Fact]
    public void The_head_approves_only_once_everyone_assessed_and_external_approval_is_needed_from_ten_years()
    {
        var p = Proposal(Ended(active: 2, inactive: 8, closed: new DateOnly(2012, 1, 1)));
        p.NeedsExternalApproval.ShouldBeTrue();
        var head = new Caller("kota-bekasi", Guid.NewGuid(), "Tri", [Head.Id], [Setda.Id], [Role.Official]);
        var command = new ApproveDisposalCommand(p.Id, head);
        Status(ApproveDisposalHandler.Decide(command, p, Head, Today, Now)).ShouldBe(409);
        AllAgree(p);
        Status(ApproveDisposalHandler.Decide(command with { Caller = Proposer }, p, Head, Today, Now)).ShouldBe(403);
        var approved = ApproveDisposalHandler.Decide(command, p, Head, Today, Now);
        p.Apply((DisposalApproved)approved.Events.Single());
        p.Status.ShouldBe(DisposalStatus.AwaitingApproval); // ANRI's approval still missing
        Status(ExecuteDisposalHandler.Decide(new ExecuteDisposalCommand(p.Id, Proposer), p, "Arsiparis", "BA-PMS/1/2026", Now).Decision).ShouldBe(409);
        p.Apply(new DisposalExternalApprovalRecorded(p.Id, "B-1/ANRI", Today, "ANRI", new string('a', 64), "application/pdf", 10, "s.pdf", Guid.NewGuid(), "x", Now));
        p.Status.ShouldBe(DisposalStatus.Approved);
    }

    [Fact]
    public void Executing_starts_once_resumes_while_running_and_does_nothing_when_done()
    {
        var p = Proposal(Ended(), Ended());
        AllAgree(p);
        p.Apply(new DisposalApproved(p.Id, Guid.NewGuid(), "Tri", "Wali Kota", Today, Now));
        var execute = new ExecuteDisposalCommand(p.Id, Proposer);
        var started = ExecuteDisposalHandler.Decide(execute, p, "Arsiparis", "BA-PMS/1/2026", Now);
        started.Decision.Events.Single().ShouldBeOfType<DisposalExecutionStarted>().Total.ShouldBe(2);
        p.Apply((DisposalExecutionStarted)started.Decision.Events.Single());
        var resumed = ExecuteDisposalHandler.Decide(execute, p, "Arsiparis", "BA-PMS/2/2026", Now);
        resumed.Decision.Events.ShouldBeEmpty();
        resumed.Value!.Status.ShouldBe(DisposalStatus.Executing);
        p.Apply(new DisposalCompleted(p.Id, "BA-PMS/1/2026", Today, new string('b', 64), Now));
        var again = ExecuteDisposalHandler.Decide(execute, p, "Arsiparis", "BA-PMS/3/2026", Now);
        again.Decision.Events.ShouldBeEmpty();
        again.Value!.Message.ShouldContain("sudah dilaksanakan");
        Status(ExecuteDisposalHandler.Decide(execute with { Caller = new Caller("kota-bekasi", Guid.NewGuid(), "R", [], [Umum.Id], [Role.Registrar]) }, p, "", "", Now).Decision).ShouldBe(403);
    }

    [Fact]
    public void A_batch_skips_a_berkas_held_since_approval_and_takes_only_what_is_not_yet_done()
    {
        var (a, b, c) = (Ended(), Ended(), Ended());
        var p = Proposal(a, b, c);
        p.Apply(new DisposalBatchExecuted(p.Id, [new DestroyedCaseFile(a.Id, [])], [], Now));
        var hold = new LegalHold { Id = Guid.NewGuid(), Active = true, Reference = "Perkara 9", Reason = "Sengketa" };
        var plan = ContinueDisposalHandler.Plan(p, new[] { a, b, c }.ToDictionary(f => f.Id), new Dictionary<Guid, IReadOnlyList<LegalHold>> { [b.Id] = [hold] }, 10);
        plan.Destroy.Select(f => f.Id).ShouldBe([c.Id]);
        plan.Skip.Single().CaseFileId.ShouldBe(b.Id);
        plan.Skip.Single().Note.ShouldContain("Perkara 9");
        ContinueDisposalHandler.Plan(p, new[] { a, b, c }.ToDictionary(f => f.Id), new Dictionary<Guid, IReadOnlyList<LegalHold>>(), 1).Destroy.Select(f => f.Id).ShouldBe([b.Id]);
    }

    [Fact]
    public void Dates_are_written_out_in_Indonesian_words()
    {
        IndonesianDate.NumberInWords(2026).ShouldBe("dua ribu dua puluh enam");
        IndonesianDate.NumberInWords(111).ShouldBe("seratus sebelas");
        IndonesianDate.NumberInWords(1_500_019).ShouldBe("satu juta lima ratus ribu sembilan belas");
        IndonesianDate.InWords(new DateOnly(2026, 11, 24)).ShouldBe("Selasa tanggal dua puluh empat bulan November tahun dua ribu dua puluh enam");
    }

    private static readonly Caller HeadCaller = new("kota-bekasi", Guid.NewGuid(), "Tri", [Head.Id], [Setda.Id], [Role.Official]);
    private static readonly Caller Outsider = new("kota-bekasi", Guid.NewGuid(), "Budi", [Kasubbag.Id], [Umum.Id], [Role.Official]);

    private static Decision Withdraw(DisposalProposal? p, Caller caller, string? reason = "Salah pilih berkas") =>
        WithdrawDisposalHandler.Decide(new WithdrawDisposalCommand(p?.Id ?? Guid.NewGuid(), caller, new ProposalReason(reason)), p, Now);

    private static Decision Reject(DisposalProposal? p, Caller caller, string? reason = "Masih diperlukan untuk pemeriksaan") =>
        RejectDisposalHandler.Decide(new RejectDisposalCommand(p?.Id ?? Guid.NewGuid(), caller, new ProposalReason(reason)), p, Head, Now);

    [Fact]
    public void The_proposer_withdraws_a_proposal_not_yet_approved_and_every_berkas_still_on_it_leaves()
    {
        var (kept, other) = (Ended(), Ended());
        var p = Proposal(kept, other);
        // one berkas the panitia kept already left; only the other leaves now
        p.Apply(new DisposalItemWithdrawn(p.Id, kept.Id, "dipertahankan", Now));
        var decision = Withdraw(p, Proposer);
        decision.Refused.ShouldBeFalse();
        decision.Events[0].ShouldBeOfType<DisposalWithdrawn>().ShouldSatisfyAllConditions(w => w.Reason.ShouldBe("Salah pilih berkas"), w => w.By.ShouldBe("Rina"));
        decision.Events.OfType<CaseFileLeftProposal>().Select(l => l.CaseFileId).ShouldBe([other.Id]);
        p.Apply((DisposalWithdrawn)decision.Events[0]);
        p.Status.ShouldBe(DisposalStatus.Withdrawn);
        p.Apply(new DisposalAssessed(p.Id, other.Id, Chair.PersonId, "Agus", AssessmentVerdict.Agree, null, null, Now));
        p.Status.ShouldBe(DisposalStatus.Withdrawn, "an ended proposal stays ended");
    }

    [Fact]
    public void Withdrawing_is_refused_to_others_without_a_reason_after_approval_and_a_second_time()
    {
        var p = Proposal(Ended());
        Status(Withdraw(null, Proposer)).ShouldBe(404);
        Status(Withdraw(p, Outsider)).ShouldBe(403);
        Status(Withdraw(p, HeadCaller)).ShouldBe(403);
        Status(Withdraw(p, Proposer, " ")).ShouldBe(400);
        var admin = new Caller("kota-bekasi", Guid.NewGuid(), "Admin", [], [], [Role.Administrator]);
        Withdraw(p, admin).Refused.ShouldBeFalse();

        AllAgree(p);
        p.Apply(new DisposalApproved(p.Id, HeadCaller.PersonId, "Tri", "Wali Kota", Today, Now));
        Status(Withdraw(p, Proposer)).ShouldBe(409);
        Status(Reject(p, HeadCaller)).ShouldBe(409);

        var withdrawn = Proposal(Ended());
        withdrawn.Apply((DisposalWithdrawn)Withdraw(withdrawn, Proposer).Events[0]);
        Status(Withdraw(withdrawn, Proposer)).ShouldBe(409);
        Status(Reject(withdrawn, HeadCaller)).ShouldBe(409);
        AllAgree(withdrawn);
        Status(ApproveDisposalHandler.Decide(new ApproveDisposalCommand(withdrawn.Id, HeadCaller), withdrawn, Head, Today, Now)).ShouldBe(409);
    }

    [Fact]
    public void Only_the_agency_head_or_its_acting_official_rejects_with_a_reason_during_the_assessment_too()
    {
        var file = Ended();
        var p = Proposal(file);
        Status(Reject(p, Proposer)).ShouldBe(403);
        Status(Reject(p, Outsider)).ShouldBe(403);
        Status(Reject(p, HeadCaller, null)).ShouldBe(400);
        var plh = new Caller("kota-bekasi", Guid.NewGuid(), "Plh", [Kasubbag.Id, Head.Id], [Umum.Id], [Role.Official]);
        var decision = Reject(p, plh);
        decision.Events[0].ShouldBeOfType<DisposalRejected>().Position.ShouldBe("Wali Kota");
        decision.Events.OfType<CaseFileLeftProposal>().Single().CaseFileId.ShouldBe(file.Id);
        p.Apply((DisposalRejected)decision.Events[0]);
        p.Status.ShouldBe(DisposalStatus.Rejected);
        DisposalRules.StatusLabel(p.Status).ShouldBe("Ditolak pimpinan instansi");
    }
}
