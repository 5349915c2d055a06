using Arsip.Access;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Tests.Correspondence;

public class IncomingLetterDecisionTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly Caller Registrar = new("kota-bekasi", Guid.NewGuid(), "Budi", [Guid.NewGuid()], [Guid.NewGuid()], [Role.Registrar]);
    private static readonly RegistrationLookup Clean = new(new Addressees(null, []), [], "agenda", null);

    private static RegisterIncomingLetter Letter(string? sender = "Dinas Kesehatan") => new(
        sender, "400.7/1/2026", Today.AddDays(-2), Today, "Laporan", "400.7", SecurityLevel.Biasa, Urgency.Biasa);

    private sealed class Staged(BlobRef blob) : StagedBlob(blob)
    {
        public override Task CommitAsync(CancellationToken ct = default) => Task.CompletedTask;
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static UploadedFile Pdf(string name = "scan.pdf", char hash = 'a') => new(name, "application/pdf", new BlobRef(new string(hash, 64), 10, "application/pdf"));

    [Fact]
    public void A_registration_is_refused_for_its_fields_its_positions_and_a_duplicate_and_is_numbered_later()
    {
        var command = new RegisterIncomingLetterCommand(Registrar, Letter());
        var id = Guid.NewGuid();
        RegisterIncomingLetterHandler.Decide(command with { Letter = Letter(sender: " ") }, Clean, Today, Now, id)
            .Refusal.ShouldBeOfType<ValidationProblemDetails>().Errors.Keys.ShouldContain("sender");
        RegisterIncomingLetterHandler.Decide(command with { Letter = Letter() with { ReceivedOn = Today.AddDays(1) } }, Clean, Today, Now, id)
            .Refusal!.Status.ShouldBe(400);
        var unknown = Guid.NewGuid();
        RegisterIncomingLetterHandler.Decide(command with { Letter = Letter() with { AddresseePositionId = unknown } }, Clean with { UnknownPositions = [unknown] }, Today, Now, id)
            .Refusal!.Status.ShouldBe(400);
        var existing = Guid.NewGuid();
        var duplicate = RegisterIncomingLetterHandler.Decide(command, Clean with { RegisteredAs = existing }, Today, Now, id).Refusal!;
        (duplicate.Status, duplicate.Instance).ShouldBe((409, $"/api/incoming-letters/{existing}"));

        var registered = RegisterIncomingLetterHandler.Decide(command, Clean, Today, Now, id).Events.Single().ShouldBeOfType<IncomingLetterRegistered>();
        (registered.LetterId, registered.AgendaNumber, registered.AgendaYear, registered.RegisteredAt).ShouldBe((id, 0, 2026, Now));
    }

    [Fact]
    public void A_registration_with_a_scan_refuses_a_mislabelled_scan_first_and_records_the_scan_on_the_new_letter()
    {
        var png = new UploadedFile("scan.pdf", "application/pdf", new BlobRef(new string('b', 64), 10, "image/png"));
        var id = Guid.NewGuid();
        RegisterIncomingLetterWithScanHandler.Decide(new(Registrar, Letter(sender: null), new Staged(png.Blob), png), Clean, Today, Now, id)
            .Refusal!.Status.ShouldBe(415);
        RegisterIncomingLetterWithScanHandler.Decide(new(Registrar, Letter(sender: null), new Staged(Pdf().Blob), Pdf()), Clean, Today, Now, id)
            .Refusal!.Status.ShouldBe(400);

        var events = RegisterIncomingLetterWithScanHandler.Decide(new(Registrar, Letter(), new Staged(Pdf().Blob), Pdf()), Clean, Today, Now, id).Events;
        events[0].ShouldBeOfType<IncomingLetterRegistered>().LetterId.ShouldBe(id);
        var scan = events[1].ShouldBeOfType<IncomingLetterAttachmentAdded>();
        (scan.LetterId, scan.Kind, scan.FileName, scan.Sha256).ShouldBe((id, AttachmentKind.Scan, "scan.pdf", new string('a', 64)));
    }

    [Fact]
    public void Adding_files_needs_a_visible_letter_a_kind_and_a_file()
    {
        var letter = new IncomingLetterView { Id = Guid.NewGuid() };
        var upload = new MultipartUpload();
        var command = new AddIncomingLetterAttachmentsCommand(letter.Id, Registrar, upload);
        AddIncomingLetterAttachmentsHandler.Decide(command, letter, visible: false, Now).Refusal!.Status.ShouldBe(404);
        AddIncomingLetterAttachmentsHandler.Decide(command, null, true, Now).Refusal!.Status.ShouldBe(404);
        AddIncomingLetterAttachmentsHandler.Decide(command, letter, true, Now).Refusal.ShouldBeOfType<ValidationProblemDetails>().Errors.Keys.ShouldContain("kind");
        upload.Fields["kind"] = "lampiran";
        AddIncomingLetterAttachmentsHandler.Decide(command, letter, true, Now).Refusal.ShouldBeOfType<ValidationProblemDetails>().Errors.Keys.ShouldContain("files");
        upload.Files.Add((new Staged(Pdf().Blob), Pdf("nota.pdf")));
        var added = AddIncomingLetterAttachmentsHandler.Decide(command, letter, true, Now).Events.Single().ShouldBeOfType<IncomingLetterAttachmentAdded>();
        (added.Kind, added.FileName, added.AddedBy).ShouldBe((AttachmentKind.Attachment, "nota.pdf", "Budi"));
    }

    [Fact]
    public void A_correction_records_only_real_changes_and_is_refused_for_a_code_outside_the_scheme_or_a_duplicate()
    {
        var letter = new IncomingLetterView
        {
            Id = Guid.NewGuid(), Sender = "Dinas Kesehatan", SenderLetterNumber = "1/2026", LetterDate = Today.AddDays(-3), ReceivedOn = Today,
            Subject = "Laporan", Classification = "400.7",
        };
        CorrectIncomingLetterCommand Correct(string? reason, params (string Field, string? Value)[] changes) =>
            new(letter.Id, Registrar, new CorrectIncomingLetter(changes.ToDictionary(c => c.Field, c => c.Value), reason));
        var none = new CorrectionLookup(null, null);

        CorrectIncomingLetterHandler.Decide(Correct(" ", ("subject", "Baru")), letter, true, none, Now).Refusal!.Status.ShouldBe(400);
        CorrectIncomingLetterHandler.Decide(Correct("salah ketik"), letter, true, none, Now).Refusal!.Status.ShouldBe(400);
        CorrectIncomingLetterHandler.Decide(Correct("salah ketik", ("subject", "Baru")), letter, visible: false, none, Now).Refusal!.Status.ShouldBe(404);
        CorrectIncomingLetterHandler.Decide(Correct("salah ketik", ("agendaNumber", "9")), letter, true, none, Now)
            .Refusal.ShouldBeOfType<ValidationProblemDetails>().Errors.Keys.ShouldContain("agendaNumber");
        CorrectIncomingLetterHandler.Decide(Correct("salah ketik", ("letterDate", Today.AddDays(1).ToString("yyyy-MM-dd"))), letter, true, none, Now).Refusal!.Status.ShouldBe(400);
        CorrectIncomingLetterHandler.Decide(Correct("salah ketik", ("subject", " Laporan ")), letter, true, none, Now).Events.ShouldBeEmpty();

        var unknownCode = new ProblemDetails { Status = 422 };
        CorrectIncomingLetterHandler.Decide(Correct("kode", ("classification", "999")), letter, true, none with { ClassificationRefusal = unknownCode }, Now)
            .Refusal.ShouldBeSameAs(unknownCode);
        CorrectIncomingLetterHandler.Decide(Correct("nomor", ("senderLetterNumber", "2/2026")), letter, true, none with { DuplicateOf = Guid.NewGuid() }, Now)
            .Refusal!.Status.ShouldBe(409);

        var corrected = CorrectIncomingLetterHandler.Decide(Correct(" nomor ", ("senderLetterNumber", "2/2026"), ("subject", "Laporan")), letter, true, none, Now)
            .Events.Single().ShouldBeOfType<IncomingLetterCorrected>();
        corrected.Changes.ShouldBe([new FieldChange("senderLetterNumber", "1/2026", "2/2026")]);
        corrected.Reason.ShouldBe("nomor");
        CorrectIncomingLetterHandler.FingerprintAfter(letter, corrected.Changes)
            .ShouldBe(IncomingLetterFingerprint.For("Dinas Kesehatan", "2/2026", letter.LetterDate));
    }
}
