using Arsip.Access;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.Tests.Correspondence;

public class OutgoingLetterDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly Guid Reviewer = Guid.NewGuid(), Signatory = Guid.NewGuid(), Inbox = Guid.NewGuid(), Unit = Guid.NewGuid();
    private static readonly Caller Drafter = new("kota", Guid.NewGuid(), "Dina", [Guid.NewGuid()], [Unit], [Role.Official]);
    private static readonly Caller Kabag = new("kota", Guid.NewGuid(), "Agus", [Reviewer], [Guid.NewGuid()], [Role.Official]);
    private static readonly Caller Sekda = new("kota", Guid.NewGuid(), "Reny", [Signatory], [Guid.NewGuid()], [Role.Official]);
    private static readonly Caller Stranger = new("kota", Guid.NewGuid(), "Budi", [Guid.NewGuid()], [Guid.NewGuid()], [Role.Official]);
    private static readonly Caller Registrar = new("kota", Guid.NewGuid(), "Sri", [Guid.NewGuid()], [Unit], [Role.Registrar]);
    private static readonly DraftReferences AllKnown = new(null, new HashSet<Guid> { Reviewer, Signatory, Inbox });

    private static DraftOutgoingLetter Draft(string subject = "Undangan rapat", params Addressee[] to) => new(
        LetterKind.SuratDinas, "005", SecurityLevel.Biasa, Urgency.Biasa, subject, "Dengan hormat,", null,
        to.Length > 0 ? to : [new Addressee("Kepala Dinas", Inbox)], [], [Reviewer], Signatory);

    private static OutgoingLetter Drafted(DraftOutgoingLetter? draft = null)
    {
        var drafted = DraftOutgoingLetterHandler.Decide(new DraftOutgoingLetterCommand(Drafter, draft ?? Draft()), AllKnown, null, Guid.NewGuid(), Now)
            .Events.OfType<OutgoingLetterDrafted>().Single();
        return OutgoingLetter.Create(drafted);
    }

    private static OutgoingLetter Approved(DraftOutgoingLetter? draft = null)
    {
        var letter = Drafted(draft);
        letter.Apply(SubmitOutgoingLetterHandler.Decide(new(letter.Id, Drafter), letter, Now).Events.OfType<OutgoingLetterSubmitted>().Single());
        letter.Apply(InitialOutgoingLetterHandler.Decide(new(letter.Id, Kabag, new(null)), letter, Now).Events.OfType<OutgoingLetterInitialed>().Single());
        return letter;
    }

    private static OutgoingLetter Signed(DraftOutgoingLetter? draft = null)
    {
        var letter = Approved(draft);
        letter.Apply(SignOutgoingLetterHandler.Decide(new(letter.Id, Sekda), letter, new IssuedNumber("005/1/UM/2026", 1), Today, Now)
            .Events.OfType<OutgoingLetterSigned>().Single());
        return letter;
    }

    [Fact]
    public void A_draft_is_checked_field_by_field_then_its_code_then_its_positions()
    {
        var command = new DraftOutgoingLetterCommand(Drafter, Draft() with { Subject = " ", SignatoryPositionId = null });
        var invalid = DraftOutgoingLetterHandler.Decide(command, AllKnown, null, Guid.NewGuid(), Now).Refusal.ShouldBeOfType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        invalid.Errors.Keys.ShouldBe(["subject", "signatoryPositionId"], ignoreOrder: true);

        var unknownCode = Arsip.Kernel.Problems.BadRequest("classification", "tidak ada");
        DraftOutgoingLetterHandler.Decide(new(Drafter, Draft()), AllKnown with { UnknownClassification = unknownCode }, null, Guid.NewGuid(), Now)
            .Refusal.ShouldBeSameAs(unknownCode);
        var missing = DraftOutgoingLetterHandler.Decide(new(Drafter, Draft()), new(null, new HashSet<Guid> { Reviewer, Inbox }), null, Guid.NewGuid(), Now).Refusal!;
        missing.Status.ShouldBe(400);
        ((Microsoft.AspNetCore.Mvc.ValidationProblemDetails)missing).Errors["positions"].Single().ShouldContain(Signatory.ToString());
    }

    [Fact]
    public void A_draft_starts_the_letter_with_its_drafter_and_unit()
    {
        var id = Guid.NewGuid();
        var unit = new Unit { Id = Unit, Code = "UM", Name = "Bagian Umum" };
        var drafted = DraftOutgoingLetterHandler.Decide(new(Drafter, Draft(" Undangan rapat ")), AllKnown, unit, id, Now).Events.Single().ShouldBeOfType<OutgoingLetterDrafted>();
        drafted.ShouldBe(drafted with { LetterId = id, DraftedByPersonId = Drafter.PersonId, DraftedBy = "Dina", DraftedByUnitId = Unit, DraftedByUnitCode = "UM", DraftedAt = Now });
        drafted.Content.Subject.ShouldBe("Undangan rapat");
        drafted.Reviewers.ShouldBe([Reviewer]);
    }

    [Fact]
    public void Only_the_drafter_revises_a_draft_into_its_next_version()
    {
        var letter = Drafted();
        ReviseOutgoingLetterHandler.Decide(new(letter.Id, Stranger, new(Draft("Lain"), null)), letter, AllKnown, Now).Refusal!.Status.ShouldBe(404);
        ReviseOutgoingLetterHandler.Decide(new(letter.Id, Kabag, new(Draft("Lain"), null)), letter, AllKnown, Now).Refusal!.Status.ShouldBe(403);
        ReviseOutgoingLetterHandler.Decide(new(letter.Id, Drafter, new(null!, null)), letter, AllKnown, Now).Refusal!.Status.ShouldBe(400);
        var revised = ReviseOutgoingLetterHandler.Decide(new(letter.Id, Drafter, new(Draft("Rapat koordinasi"), " catatan ")), letter, AllKnown, Now)
            .Events.Single().ShouldBeOfType<OutgoingLetterRevised>();
        revised.ShouldBe(revised with { DraftVersion = 2, Note = "catatan", RevisedBy = "Dina" });
        ReviseOutgoingLetterHandler.Decide(new(Guid.NewGuid(), Drafter, new(Draft("Lain"), null)), null, AllKnown, Now).Refusal!.Status.ShouldBe(404);
    }

    [Fact]
    public void Reviews_go_in_order_and_a_return_needs_comments()
    {
        var letter = Drafted();
        SubmitOutgoingLetterHandler.Decide(new(letter.Id, Kabag), letter, Now).Refusal!.Status.ShouldBe(403);
        InitialOutgoingLetterHandler.Decide(new(letter.Id, Kabag, new(null)), letter, Now).Refusal!.Status.ShouldBe(409);
        letter.Apply(SubmitOutgoingLetterHandler.Decide(new(letter.Id, Drafter), letter, Now).Events.OfType<OutgoingLetterSubmitted>().Single());
        SubmitOutgoingLetterHandler.Decide(new(letter.Id, Drafter), letter, Now).Refusal!.Status.ShouldBe(409);

        InitialOutgoingLetterHandler.Decide(new(letter.Id, Sekda, new(null)), letter, Now).Refusal!.Status.ShouldBe(403);
        ReturnOutgoingLetterHandler.Decide(new(letter.Id, Kabag, new("  ")), letter, Now).Refusal!.Status.ShouldBe(400);
        var returned = ReturnOutgoingLetterHandler.Decide(new(letter.Id, Kabag, new(" Perbaiki hal ")), letter, Now).Events.Single().ShouldBeOfType<OutgoingLetterReturned>();
        returned.ShouldBe(returned with { ReviewerPositionId = Reviewer, Comments = "Perbaiki hal", PersonId = Kabag.PersonId });
        var initialed = InitialOutgoingLetterHandler.Decide(new(letter.Id, Kabag, new(" setuju ")), letter, Now).Events.Single().ShouldBeOfType<OutgoingLetterInitialed>();
        initialed.ShouldBe(initialed with { ReviewerPositionId = Reviewer, Comment = "setuju", DraftVersion = 1 });
    }

    [Fact]
    public void Only_the_signatory_signs_an_approved_letter_with_the_number_it_was_given()
    {
        var draft = Drafted();
        SignOutgoingLetterHandler.Refusal(new(draft.Id, Sekda), draft)!.Status.ShouldBe(409);
        var letter = Approved();
        SignOutgoingLetterHandler.Refusal(new(letter.Id, Kabag), letter)!.Status.ShouldBe(403);
        SignOutgoingLetterHandler.Refusal(new(letter.Id, Stranger), letter)!.Status.ShouldBe(404);
        var signed = SignOutgoingLetterHandler.Decide(new(letter.Id, Sekda), letter, new IssuedNumber("005/7/UM/2026", 7), Today, Now)
            .Events.Single().ShouldBeOfType<OutgoingLetterSigned>();
        signed.ShouldBe(new OutgoingLetterSigned(letter.Id, 1, Signatory, Sekda.PersonId, "Reny", "005/7/UM/2026", 7, 2026, Today, Now));
        letter.Apply(signed);
        SignOutgoingLetterHandler.Refusal(new(letter.Id, Sekda), letter)!.Status.ShouldBe(409);
    }

    [Fact]
    public void A_reservation_is_refused_for_a_future_date_and_numbers_the_letter_signed_on_paper()
    {
        var reserve = new ReserveLetterNumberCommand(Registrar, new ReserveLetterNumber(Draft(), Today.AddDays(1)));
        ReserveLetterNumberHandler.Refusal(reserve, AllKnown, Today)!.Status.ShouldBe(400);
        ReserveLetterNumberHandler.Refusal(reserve with { Body = new(null!, null) }, AllKnown, Today)!.Status.ShouldBe(400);
        var id = Guid.NewGuid();
        var reserved = ReserveLetterNumberHandler.Decide(reserve with { Body = new(Draft(), Today.AddDays(-3)) }, AllKnown, null, new IssuedNumber("005/2/UM/2026", 2), id, Today, Now)
            .Events.Single().ShouldBeOfType<OutgoingLetterNumberReserved>();
        reserved.ShouldBe(reserved with { LetterId = id, LetterNumber = "005/2/UM/2026", Sequence = 2, LetterDate = Today.AddDays(-3), Year = 2026, ReservedByPersonId = Registrar.PersonId });
    }

    [Fact]
    public void A_dispatch_sends_each_addressee_its_way_on_a_day_not_before_the_letter_date()
    {
        var letter = Signed(Draft("Undangan", new Addressee("Kepala Dinas", Inbox), new Addressee("BKN", Agency: "bkn"), new Addressee("Warga", Address: "Jl. Merdeka 1")));
        var ids = 0;
        Guid NewId() => new(++ids, 0, 0, new byte[8]);
        var dispatch = new DispatchOutgoingLetterCommand(letter.Id, Drafter, new DispatchOutgoingLetter(" pos ", Today.AddDays(-1)));
        DispatchOutgoingLetterHandler.Decide(dispatch, letter, Today, Today, Now, NewId).Refusal!.Status.ShouldBe(400);
        DispatchOutgoingLetterHandler.Decide(dispatch with { Body = new("pos", Today.AddDays(1)) }, letter, Today.AddDays(-2), Today, Now, NewId).Refusal!.Status.ShouldBe(400);
        DispatchOutgoingLetterHandler.Decide(dispatch with { Caller = Kabag }, letter, Today.AddDays(-2), Today, Now, NewId).Refusal!.Status.ShouldBe(403);
        DispatchOutgoingLetterHandler.Decide(dispatch, Approved(), Today.AddDays(-2), Today, Now, NewId).Refusal!.Status.ShouldBe(409);

        var dispatched = DispatchOutgoingLetterHandler.Decide(dispatch, letter, Today.AddDays(-2), Today, Now, NewId).Events.Single().ShouldBeOfType<OutgoingLetterDispatched>();
        dispatched.Deliveries.Select(d => (d.Method, d.SentOn)).ShouldBe([
            (DispatchOutgoingLetterHandler.InternalMethod, Today), (DispatchOutgoingLetterHandler.SystemMethod, Today), ("pos", Today.AddDays(-1))]);
        dispatched.Deliveries[0].IncomingLetterId.ShouldNotBeNull();
        dispatched.Deliveries.Skip(1).ShouldAllBe(d => d.IncomingLetterId == null);
        dispatched.Deliveries.Select(d => d.DeliveryId).Append(dispatched.Deliveries[0].IncomingLetterId!.Value).Distinct().Count().ShouldBe(4);
        letter.Apply(dispatched);
        DispatchOutgoingLetterHandler.Decide(dispatch, letter, Today.AddDays(-2), Today, Now, NewId).Refusal!.Status.ShouldBe(409);
    }

    [Fact]
    public void A_letter_is_cancelled_with_a_reason_by_its_drafter_or_signatory_until_dispatched()
    {
        var letter = Signed();
        CancelOutgoingLetterHandler.Decide(new(letter.Id, Sekda, new(" ")), letter, Now).Refusal!.Status.ShouldBe(400);
        CancelOutgoingLetterHandler.Decide(new(letter.Id, Kabag, new("salah")), letter, Now).Refusal!.Status.ShouldBe(403);
        var cancelled = CancelOutgoingLetterHandler.Decide(new(letter.Id, Sekda, new(" salah alamat ")), letter, Now).Events.Single().ShouldBeOfType<OutgoingLetterCancelled>();
        cancelled.ShouldBe(new OutgoingLetterCancelled(letter.Id, "salah alamat", "Reny", Now));
        letter.Apply(cancelled);
        CancelOutgoingLetterHandler.Decide(new(letter.Id, Sekda, new("lagi")), letter, Now).Refusal!.Status.ShouldBe(409);
    }

    [Fact]
    public void Files_a_draft_gets_from_its_drafter_once_and_a_scan_only_on_paper()
    {
        var letter = Drafted();
        var view = new OutgoingLetterView { Id = letter.Id, Status = OutgoingStatus.Draft };
        var pdf = new UploadedFile("lampiran.pdf", "application/pdf", new BlobRef(new string('a', 64), 10, "application/pdf"));
        AddOutgoingLetterFilesCommand Add(Caller caller) => new(letter.Id, caller, _ => throw new InvalidOperationException("read by the handler"));

        AddOutgoingLetterFilesHandler.Decide(Add(Stranger), letter, view, "attachment", [pdf], Now).Decision.Refusal!.Status.ShouldBe(404);
        AddOutgoingLetterFilesHandler.Decide(Add(Drafter), letter, view, "bukan", [pdf], Now).Decision.Refusal!.Status.ShouldBe(400);
        AddOutgoingLetterFilesHandler.Decide(Add(Kabag), letter, view, "attachment", [pdf], Now).Decision.Refusal!.Status.ShouldBe(403);
        AddOutgoingLetterFilesHandler.Decide(Add(Drafter), letter, view, "scan", [pdf], Now).Decision.Refusal!.Status.ShouldBe(403);
        var added = AddOutgoingLetterFilesHandler.Decide(Add(Drafter), letter, view, "attachment", [pdf, pdf], Now);
        added.Decision.Events.Single().ShouldBeOfType<OutgoingLetterFileAdded>().Sha256.ShouldBe(pdf.Blob.Sha256);
        view.Files.Add(new LetterFile("lampiran.pdf", pdf.Blob.Sha256, "application/pdf", 10, AttachmentKind.Attachment, Now));
        var again = AddOutgoingLetterFilesHandler.Decide(Add(Drafter), letter, view, "attachment", [pdf], Now);
        again.Decision.Events.ShouldBeEmpty();
        again.AlreadyThere.Single().Sha256.ShouldBe(pdf.Blob.Sha256);
    }

    [Fact]
    public void A_receipt_is_recorded_once_per_delivery()
    {
        var view = new OutgoingLetterView { Id = Guid.NewGuid() };
        var receipt = new LetterDeliveryReceipt(Guid.NewGuid(), view.Id, "kab-bekasi", Guid.NewGuid(), 17, Now);
        var receipted = LetterDeliveryReceiptHandler.Decide(receipt, view).Events.Single().ShouldBeOfType<OutgoingLetterDeliveryReceipted>();
        receipted.ShouldBe(new OutgoingLetterDeliveryReceipted(view.Id, receipt.DeliveryId, "kab-bekasi", 17, Now));
        view.Receipts.Add(receipted);
        LetterDeliveryReceiptHandler.Decide(receipt, view).Events.ShouldBeEmpty();
        LetterDeliveryReceiptHandler.Decide(receipt, null).Events.ShouldBeEmpty();
    }
}
