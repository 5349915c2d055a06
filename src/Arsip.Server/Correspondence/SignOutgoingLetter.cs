using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Signing;

namespace Arsip.Correspondence;

public sealed record SignOutgoingLetterResponse(Guid Id, string LetterNumber);

/// <summary>Passphrase: opens the signatory's certificate for this one signing (certified signature, TTE); never stored.</summary>
public sealed record SignOutgoingLetter(string? Passphrase = null);

public sealed record SignOutgoingLetterCommand(Guid LetterId, Caller Caller, string? Passphrase = null);

public sealed record IssuedNumber(string Number, int Sequence);

public static class SignOutgoingLetterHandler
{
    /// <summary>Whether the caller may sign now: asked before a number is taken, so a refusal takes none.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails? Refusal(SignOutgoingLetterCommand command, OutgoingLetter? letter) =>
        OutgoingLetterAccess.Refusal(command.LetterId, command.Caller, letter, l => l.CanSign(command.Caller));

    public static Decision Decide(SignOutgoingLetterCommand command, OutgoingLetter? letter, IssuedNumber number, DateOnly today, DateTimeOffset now) =>
        Refusal(command, letter) is { } refused
            ? Decision.Refuse(refused)
            : Decision.Accept(new OutgoingLetterSigned(letter!.Id, letter.DraftVersion, letter.SignatoryPositionId, command.Caller.PersonId, command.Caller.Name,
                number.Number, number.Sequence, today.Year, today, now));

    /// <summary>Without a certificate: refused where the agency requires certified signatures, and when a passphrase was typed for none.</summary>
    public static ProblemDetails? CertificateRefusal(SignOutgoingLetterCommand command, bool hasCertificate, SigningOptions options) =>
        hasCertificate ? null
        : options.RequireCertificate || !string.IsNullOrEmpty(command.Passphrase)
            ? SigningTrust.Unprocessable("Anda belum memasang sertifikat tanda tangan elektronik (no signing certificate installed for you).")
            : null;

    /// <summary>
    /// Wolverine's one transaction: a rolled-back signing gives its number back, and no letter is signed without its PDF nor the reverse.
    /// The certificate is opened (passphrase, validity, revocation) before the number is taken; a signing service refusing later throws, which rolls back.
    /// </summary>
    public static async Task<Decision> Handle(SignOutgoingLetterCommand command,
        [WriteAggregate(nameof(SignOutgoingLetterCommand.LetterId), Required = false)] IEventStream<OutgoingLetter> stream,
        IDocumentSession session, ArsipClock clock, ILetterIssuer issuer, ILetterSigner signer, SigningOptions options, CancellationToken ct)
    {
        var letter = stream.Aggregate;
        if (Refusal(command, letter) is { } refused) return Decision.Refuse(refused);
        using var unlocked = await signer.UnlockAsync(session, command.Caller.PersonId, command.Passphrase, clock.GetUtcNow(), ct);
        if (CertificateRefusal(command, unlocked is not null, options) is { } noCertificate) return Decision.Refuse(noCertificate);
        var today = clock.Today;
        var unitCode = await LetterNumbers.SigningUnitCodeAsync(session, letter!.SignatoryPositionId, ct) ?? letter.DraftedByUnitCode;
        var (number, sequence) = await LetterNumbers.IssueAsync(session, letter.Content.Kind, letter.Content.Classification, unitCode, letter.Content.SecurityLevel, today, ct);
        var decision = Decide(command, letter, new IssuedNumber(number, sequence), today, clock.GetUtcNow());
        var signed = (OutgoingLetterSigned)decision.Events.Single();
        var issued = await issuer.IssueAsync(session, letter, signed, unlocked, ct);
        stream.AppendMany([signed, issued]);
        return decision with { Events = [signed, issued] };
    }

    [WolverinePost("/api/outgoing-letters/{id}/sign")]
    [Tags("Surat keluar")]
    [EndpointSummary("The signatory signs; the letter number is issued now, gapless per agency, kind and year, under the signing unit's code, with its PDF/A and verification code; with the passphrase of an installed certificate, a PAdES certified signature (422 when the passphrase is wrong or the certificate unusable, 503 when the configured time-stamping authority is down or answers no valid token: no number taken)")]
    [ProducesResponseType<SignOutgoingLetterResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, SignOutgoingLetter body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new SignOutgoingLetterCommand(id, caller, body.Passphrase), ct);
        return decision.ToResult(() => Results.Ok(new SignOutgoingLetterResponse(id, decision.Events.OfType<OutgoingLetterSigned>().Single().LetterNumber)));
    }
}
