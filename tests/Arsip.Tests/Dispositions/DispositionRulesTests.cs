using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Tests.Dispositions;

public class ReportingLineTests
{
    private static readonly Guid Head = Guid.NewGuid(), Sekda = Guid.NewGuid(), Kabag = Guid.NewGuid(), Kasubbag = Guid.NewGuid(), Staff = Guid.NewGuid(), Other = Guid.NewGuid();
    private static readonly Dictionary<Guid, Guid?> Line = new()
    {
        [Head] = null, [Sekda] = Head, [Kabag] = Sekda, [Kasubbag] = Kabag, [Staff] = Kasubbag, [Other] = Head,
    };

    [Fact]
    public void Below_means_anywhere_down_the_ReportsTo_chain()
    {
        ReportingLine.IsBelow(Kabag, Sekda, Line).ShouldBeTrue();
        ReportingLine.IsBelow(Staff, Sekda, Line).ShouldBeTrue();
        ReportingLine.IsBelow(Sekda, Kabag, Line).ShouldBeFalse();
        ReportingLine.IsBelow(Other, Sekda, Line).ShouldBeFalse();
        ReportingLine.IsBelow(Sekda, Sekda, Line).ShouldBeFalse();
    }

    [Fact]
    public void A_cycle_in_bad_data_ends()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        ReportingLine.IsBelow(a, Guid.NewGuid(), new Dictionary<Guid, Guid?> { [a] = b, [b] = a }).ShouldBeFalse();
    }

    [Fact]
    public void The_subtree_holds_a_position_and_everything_below() =>
        ReportingLine.Subtree([Kabag], Line).ShouldBe(new HashSet<Guid> { Kabag, Kasubbag, Staff }, ignoreOrder: true);
}

public class DispositionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly Position Sekda = new() { Id = Guid.NewGuid(), Title = "Sekretaris Daerah", UnitId = Guid.NewGuid() };
    private static readonly Position Kabag = new() { Id = Guid.NewGuid(), Title = "Kepala Bagian Umum", UnitId = Guid.NewGuid(), ReportsTo = Sekda.Id };
    private static readonly Position Staff = new() { Id = Guid.NewGuid(), Title = "Analis", UnitId = Kabag.UnitId, ReportsTo = Kabag.Id };
    private static readonly Position Inspektur = new() { Id = Guid.NewGuid(), Title = "Inspektur", UnitId = Guid.NewGuid() };
    private static readonly Caller Issuer = new("kota", Guid.NewGuid(), "Reny", [Sekda.Id], [Sekda.UnitId], [Role.Official]);
    private static readonly Caller Recipient = new("kota", Guid.NewGuid(), "Agus", [Kabag.Id], [Kabag.UnitId], [Role.Official]);

    private static IssuingContext Context(Guid? parent = null) => new(
        Guid.NewGuid(), parent, new LetterSummary(1, 2026, "Perihal", "BKN", SecurityLevel.Biasa, Urgency.SangatSegera),
        Sekda, Issuer.PersonId, Issuer.Name, null, new[] { Sekda, Kabag, Staff, Inspektur }.ToDictionary(p => p.Id),
        DispositionInstructionList.Defaults, CalendarSettings.Default.ToCalendar(), Guid.NewGuid(), Now);

    private static IssueDisposition Command(params Guid[] recipients) =>
        new(null, null, recipients.Select((r, i) => new DispositionRecipientChoice(r, i == 0)).ToArray(), ["TINDAK_LANJUTI"], null, null);

    private static Disposition Issued(params Guid[] recipients)
    {
        var issued = IssueDispositionHandler.Decide(Command(recipients), Context()).Events.OfType<DispositionIssued>().Single();
        return Disposition.Create(issued);
    }

    [Fact]
    public void The_default_deadline_counts_working_days_on_the_agencys_calendar()
    {
        var calendar = CalendarSettings.Default with { Holidays = [new Holiday(new DateOnly(2026, 11, 25), "Hari Guru (contoh)")] };
        var context = Context() with { Letter = Context().Letter with { Urgency = Urgency.Biasa }, Calendar = calendar.ToCalendar() };

        var issued = IssueDispositionHandler.Decide(Command(Kabag.Id), context).Events.OfType<DispositionIssued>().Single();

        issued.Deadline.ShouldBe(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(7)).ToUniversalTime()); // Tue + 5 working days, skipping Wed 25
    }

    [Fact]
    public void Issuing_returns_the_slip_and_the_letters_record_of_it()
    {
        var decision = IssueDispositionHandler.Decide(Command(Kabag.Id, Staff.Id), Context());
        decision.Refused.ShouldBeFalse();
        var issued = decision.Events[0].ShouldBeOfType<DispositionIssued>();
        issued.Deadline.ShouldBe(Now.AddHours(24)); // Sangat Segera
        issued.Recipients.Single(r => r.Lead).PositionId.ShouldBe(Kabag.Id);
        decision.Events[1].ShouldBeOfType<LetterDisposed>().RecipientPositionIds.ShouldBe([Kabag.Id, Staff.Id]);
        decision.Events.Count.ShouldBe(2);
    }

    [Fact]
    public void Forwarding_also_records_the_child_on_the_parent()
    {
        var parent = Guid.NewGuid();
        IssueDispositionHandler.Decide(Command(Kabag.Id), Context(parent)).Events.OfType<DispositionForwarded>().Single().DispositionId.ShouldBe(parent);
    }

    [Fact]
    public void Issuing_refuses_what_breaks_a_rule()
    {
        var context = Context();
        IssueDispositionHandler.Decide(Command(Inspektur.Id), context).Refusal!.Status.ShouldBe(403);
        IssueDispositionHandler.Decide(Command(Sekda.Id), context).Refusal!.Status.ShouldBe(400);
        IssueDispositionHandler.Decide(Command(), context).Refusal!.Status.ShouldBe(400);
        IssueDispositionHandler.Decide(Command(Kabag.Id, Kabag.Id), context).Refusal!.Status.ShouldBe(400);
        IssueDispositionHandler.Decide(Command(Kabag.Id) with { Instructions = ["BAKAR"] }, context).Refusal!.Status.ShouldBe(400);
        IssueDispositionHandler.Decide(Command(Kabag.Id) with { Deadline = Now.AddSeconds(-1) }, context).Refusal!.Status.ShouldBe(400);
        IssueDispositionHandler.Decide(Command(Kabag.Id, Staff.Id) with
        {
            Recipients = [new(Kabag.Id, true), new(Staff.Id, true)],
        }, context).Refusal!.Status.ShouldBe(400);
        IssueDispositionHandler.Decide(Command(Kabag.Id) with { Deadline = Now.AddDays(1), Instructions = ["kaji"] }, context).Refused.ShouldBeFalse();
        IssueDispositionHandler.Decide(Command(Kabag.Id), context with { AlreadyIssued = true }).Refusal!.Status.ShouldBe(409); // a resent client Id
    }

    [Fact]
    public void Withdrawal_is_for_the_issuer_while_nothing_was_read()
    {
        var d = Issued(Kabag.Id);
        WithdrawDispositionHandler.Decide(Withdraw(d, Recipient), d, true, Now).Refusal!.Status.ShouldBe(403);
        WithdrawDispositionHandler.Decide(Withdraw(d, Issuer, "salah"), d, true, Now).Events.Single().ShouldBeOfType<DispositionWithdrawn>();

        d.Apply(new DispositionRead(d.Id, Kabag.Id, Recipient.PersonId, Recipient.Name, Now));
        WithdrawDispositionHandler.Decide(Withdraw(d, Issuer), d, true, Now).Refusal!.Status.ShouldBe(409);

        var withdrawn = Issued(Kabag.Id);
        withdrawn.Apply(new DispositionWithdrawn(withdrawn.Id, Issuer.PersonId, Issuer.Name, null, [Kabag.Id], Now));
        WithdrawDispositionHandler.Decide(Withdraw(withdrawn, Issuer), withdrawn, true, Now).Refusal!.Status.ShouldBe(409);
        CompleteDispositionHandler.Decide(Complete(withdrawn, Recipient), withdrawn, true, Now).Refusal!.Status.ShouldBe(409);
    }

    [Fact]
    public void Closing_waits_for_the_lead_or_for_everyone_without_a_lead()
    {
        var withLead = Issued(Kabag.Id, Staff.Id);
        CloseDispositionHandler.Decide(new(withLead.Id, Issuer), withLead, true, Now).Refusal!.Status.ShouldBe(409);
        withLead.Apply(new DispositionCompleted(withLead.Id, Kabag.Id, Recipient.PersonId, Recipient.Name, null, Now));
        CloseDispositionHandler.Decide(new(withLead.Id, Recipient), withLead, true, Now).Refusal!.Status.ShouldBe(403);
        CloseDispositionHandler.Decide(new(withLead.Id, Issuer), withLead, true, Now).Events.Single().ShouldBeOfType<DispositionClosed>();

        var noLead = Disposition.Create(IssueDispositionHandler.Decide(Command(Kabag.Id, Staff.Id) with
        {
            Recipients = [new(Kabag.Id), new(Staff.Id)],
        }, Context()).Events.OfType<DispositionIssued>().Single());
        noLead.Apply(new DispositionCompleted(noLead.Id, Kabag.Id, Recipient.PersonId, Recipient.Name, null, Now));
        CloseDispositionHandler.Decide(new(noLead.Id, Issuer), noLead, true, Now).Refused.ShouldBeTrue();
        noLead.Apply(new DispositionCompleted(noLead.Id, Staff.Id, Guid.NewGuid(), "Rina", null, Now));
        CloseDispositionHandler.Decide(new(noLead.Id, Issuer), noLead, true, Now).Refused.ShouldBeFalse();
        noLead.Apply(new DispositionClosed(noLead.Id, Issuer.PersonId, Issuer.Name, [Kabag.Id, Staff.Id], Now));
        CloseDispositionHandler.Decide(new(noLead.Id, Issuer), noLead, true, Now).Refusal!.Status.ShouldBe(409);
    }

    private static WithdrawDispositionCommand Withdraw(Disposition d, Caller caller, string? reason = null) => new(d.Id, caller, new WithdrawDisposition(reason));

    private static CompleteDispositionCommand Complete(Disposition d, Caller caller, string? note = null) => new(d.Id, caller, new CompleteDisposition(note));

    [Fact]
    public void Completing_twice_is_a_duplicate_and_only_recipients_complete()
    {
        var d = Issued(Kabag.Id);
        CompleteDispositionHandler.Decide(Complete(d, Recipient), d, visible: false, Now).Refusal!.Status.ShouldBe(404);
        CompleteDispositionHandler.Decide(Complete(d, Issuer), d, true, Now).Refusal!.Status.ShouldBe(403);
        var completed = CompleteDispositionHandler.Decide(Complete(d, Recipient, "beres"), d, true, Now).Events.Single().ShouldBeOfType<DispositionCompleted>();
        d.Apply(completed);
        CompleteDispositionHandler.Decide(Complete(d, Recipient), d, true, Now).Refusal!.Status.ShouldBe(409);
        ReportFollowUpHandler.Decide(new(d.Id, Recipient, new ReportFollowUp("lagi")), d, true, Now).Refusal!.Status.ShouldBe(409);
    }

    [Fact]
    public void A_read_is_recorded_once_per_person_and_only_for_recipients()
    {
        var d = Issued(Kabag.Id);
        ReadDispositionHandler.Decide(new(d.Id, Recipient), d, visible: false, Now).Refusal!.Status.ShouldBe(404);
        ReadDispositionHandler.Decide(new(d.Id, Issuer), d, true, Now).Events.ShouldBeEmpty();
        var read = ReadDispositionHandler.Decide(new(d.Id, Recipient), d, true, Now).Events.Single().ShouldBeOfType<DispositionRead>();
        read.PositionId.ShouldBe(Kabag.Id);
        d.Apply(read);
        ReadDispositionHandler.Decide(new(d.Id, Recipient), d, true, Now.AddHours(1)).Events.ShouldBeEmpty();
        d.Recipient(Kabag.Id)!.Status.ShouldBe(RecipientStatus.Read);
    }

    [Fact]
    public void Issuing_on_a_letter_is_for_whoever_sees_it_and_holds_its_addressee_position()
    {
        var command = new IssueDispositionCommand(Guid.NewGuid(), Issuer, Command(Kabag.Id));
        IssueDispositionHandler.Decide(command, letterVisible: false, Context()).Refusal!.Status.ShouldBe(404);
        IssueDispositionHandler.Decide(command, true, context: null).Refusal!.Status.ShouldBe(403);
        IssueDispositionHandler.Decide(command, true, Context()).Events.Select(e => e.GetType()).ShouldBe([typeof(DispositionIssued), typeof(LetterDisposed)]);
    }

    [Fact]
    public void Forwarding_needs_an_open_parent_seen_by_one_of_its_recipients()
    {
        var parent = Issued(Kabag.Id);
        var command = new ForwardDispositionCommand(parent.Id, Recipient, Command(Staff.Id));
        var asKabag = Context(parent.Id) with { Issuer = Kabag };
        ForwardDispositionHandler.Decide(command, null, true, asKabag).Refusal!.Status.ShouldBe(404);
        ForwardDispositionHandler.Decide(command, parent, visible: false, asKabag).Refusal!.Status.ShouldBe(404);
        ForwardDispositionHandler.Decide(command, parent, true, context: null).Refusal!.Status.ShouldBe(403);
        ForwardDispositionHandler.Decide(command, parent, true, asKabag).Events.OfType<DispositionForwarded>().Single().DispositionId.ShouldBe(parent.Id);
        parent.Apply(new DispositionWithdrawn(parent.Id, Issuer.PersonId, Issuer.Name, null, [Kabag.Id], Now));
        ForwardDispositionHandler.Decide(command, parent, true, asKabag).Refusal!.Status.ShouldBe(409);
    }

    [Fact]
    public void A_follow_up_is_a_recipients_text_and_its_files_are_checked_before_the_slip()
    {
        var d = Issued(Kabag.Id);
        ReportFollowUpHandler.Decide(new(d.Id, Recipient, new ReportFollowUp("dikaji")), null, false, Now).Refusal!.Status.ShouldBe(404);
        ReportFollowUpHandler.Decide(new(d.Id, Issuer, new ReportFollowUp("dikaji")), d, true, Now).Refusal!.Status.ShouldBe(403);
        ReportFollowUpHandler.Decide(new(d.Id, Recipient, new ReportFollowUp(" ")), d, true, Now).Refusal!.Status.ShouldBe(400);
        ReportFollowUpHandler.Decide(new(d.Id, Recipient, new ReportFollowUp("x", AsPositionId: Staff.Id)), d, true, Now).Refusal!.Status.ShouldBe(403);
        var reported = ReportFollowUpHandler.Decide(new(d.Id, Recipient, new ReportFollowUp(" dikaji ")), d, true, Now).Events.Single().ShouldBeOfType<FollowUpReported>();
        (reported.Text, reported.PositionId, reported.Files).ShouldBe(("dikaji", Kabag.Id, (FollowUpFile[]?)null));
        // an upload without files is refused before anything about the slip is asked
        ReportFollowUpHandler.Decide(new(d.Id, Recipient, new ReportFollowUp("dikaji"), new Arsip.Attachments.MultipartUpload()), null, false, Now)
            .Refusal!.Status.ShouldBe(400);
    }

    [Fact]
    public void The_instruction_list_needs_unique_labelled_codes_and_keeps_them_upper_case()
    {
        ReplaceInstructionsCommand Replace(params Instruction[] list) => new(Issuer, new ReplaceInstructions(list));
        ReplaceInstructionsHandler.Decide(Replace()).Refusal!.Status.ShouldBe(400);
        ReplaceInstructionsHandler.Decide(Replace(new Instruction("KAJI", " "))).Refusal!.Status.ShouldBe(400);
        ReplaceInstructionsHandler.Decide(Replace(new Instruction("kaji", "Kaji"), new Instruction(" kaji", "Lagi"))).Refusal!.Status.ShouldBe(400);
        ReplaceInstructionsHandler.Decide(Replace(new Instruction(" kaji ", " Pelajari "))).List!.Instructions.ShouldBe([new Instruction("KAJI", "Pelajari")]);
    }

    [Fact]
    public void Reminders_fall_in_the_lead_window_and_escalation_after_the_deadline_once()
    {
        var d = Issued(Kabag.Id, Staff.Id); // deadline Now + 24 h
        var lead = TimeSpan.FromHours(4);
        DispositionReminders.DecideReminders(d, Now.AddHours(19), lead).ShouldBeEmpty();
        d.Apply(new DispositionCompleted(d.Id, Staff.Id, Guid.NewGuid(), "Rina", null, Now));
        var reminders = DispositionReminders.DecideReminders(d, Now.AddHours(21), lead);
        reminders.Single().PositionId.ShouldBe(Kabag.Id);
        d.Apply(reminders.Single());
        DispositionReminders.DecideReminders(d, Now.AddHours(22), lead).ShouldBeEmpty();

        DispositionReminders.DecideEscalation(d, Now.AddHours(23)).ShouldBeNull();
        var escalated = DispositionReminders.DecideEscalation(d, Now.AddHours(25)).ShouldNotBeNull();
        escalated.OverduePositionIds.ShouldBe([Kabag.Id]);
        d.Apply(escalated);
        DispositionReminders.DecideEscalation(d, Now.AddHours(26)).ShouldBeNull();

        var done = Issued(Kabag.Id);
        done.Apply(new DispositionCompleted(done.Id, Kabag.Id, Recipient.PersonId, Recipient.Name, null, Now));
        DispositionReminders.DecideEscalation(done, Now.AddHours(25)).ShouldBeNull();
        DispositionReminders.DecideReminders(done, Now.AddHours(21), lead).ShouldBeEmpty();
    }

    [Fact]
    public void A_letter_is_settled_when_every_live_branch_is_done_or_closed()
    {
        var letter = Guid.NewGuid();
        var root = Issued(Kabag.Id);
        root.LetterId = letter;
        var child = Issued(Staff.Id);
        child.LetterId = letter;
        child.ParentId = root.Id;
        var withdrawn = Issued(Staff.Id);
        withdrawn.LetterId = letter;
        withdrawn.ParentId = root.Id;
        withdrawn.Apply(new DispositionWithdrawn(withdrawn.Id, Recipient.PersonId, Recipient.Name, null, [Staff.Id], Now));

        DispositionTree.Build(letter, [], Now).Settled.ShouldBeFalse();
        DispositionTree.Build(letter, [root, child, withdrawn], Now).Settled.ShouldBeFalse();
        root.Apply(new DispositionCompleted(root.Id, Kabag.Id, Recipient.PersonId, Recipient.Name, null, Now));
        DispositionTree.Build(letter, [root, child, withdrawn], Now).Settled.ShouldBeFalse(); // the child is open
        child.Apply(new DispositionCompleted(child.Id, Staff.Id, Guid.NewGuid(), "Rina", null, Now));
        var tree = DispositionTree.Build(letter, [root, child, withdrawn], Now);
        tree.Settled.ShouldBeTrue();
        tree.Dispositions.Single().Children.Count.ShouldBe(2);
    }
}
