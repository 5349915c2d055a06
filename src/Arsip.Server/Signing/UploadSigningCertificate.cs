using Arsip.Infrastructure;
using Arsip.Organization;

namespace Arsip.Signing;

public sealed record UploadSigningCertificateCommand(Guid PersonId, Caller Caller, byte[] Pkcs12, string? Passphrase);

public sealed record SigningCertificateResult(SignerCertificate? Certificate, ProblemDetails? Refusal);

/// <summary>A person installs their own certificate (or the administrator does for them); the passphrase opens it once to check it and is forgotten.</summary>
public static class UploadSigningCertificateHandler
{
    public const string FileField = "certificate";
    public const string PassphraseField = "passphrase";
    public const long MaxBytes = 256 * 1024;

    public static ProblemDetails? Refusal(UploadSigningCertificateCommand command, Person? person) =>
        person is null ? Problems.NotFound("Pegawai", command.PersonId)
        : command.Caller.PersonId != command.PersonId && !command.Caller.Has(Role.Administrator)
            ? Problems.Forbidden("Sertifikat hanya dapat dipasang oleh pemiliknya atau administrator (only the holder or an administrator installs a certificate).")
        : command.Pkcs12.Length == 0 ? Problems.BadRequest(FileField, "Berkas sertifikat (.p12) wajib diunggah (certificate file required).")
        : null;

    public static async Task<SigningCertificateResult> Handle(UploadSigningCertificateCommand command, IDocumentSession session, SigningTrust trust,
        ArsipClock clock, CancellationToken ct)
    {
        if (Refusal(command, await session.LoadAsync<Person>(command.PersonId, ct)) is { } refused) return new(null, refused);
        using var opened = Pkcs12Files.Open(command.Pkcs12, command.Passphrase);
        var now = clock.GetUtcNow();
        if (trust.Refusal(opened.Signer, opened.All, now) is { } unusable) return new(null, unusable);
        var certificate = Pkcs12Files.Describe(opened.Signer);
        session.Store(new SigningKey { Id = command.PersonId, Pkcs12 = command.Pkcs12, Certificate = certificate, UploadedBy = command.Caller.Name, UploadedAt = now });
        return new(certificate, null);
    }

    [WolverinePost("/api/people/{personId}/signing-certificate")]
    [Tags("Tanda tangan elektronik")]
    [EndpointSummary("Install a person's signing certificate (multipart: certificate = PKCS#12 file, passphrase); the passphrase is checked and never stored")]
    [ProducesResponseType<SignerCertificate>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public static async Task<IResult> Post(Guid personId, HttpRequest request, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Berkas terlalu besar (too large)",
                detail: "Berkas sertifikat paling besar 256 KB (a certificate file is at most 256 KB).");
        if (!request.HasFormContentType) return Results.Problem(Pkcs12Files.NotPkcs12());
        var form = await request.ReadFormAsync(ct);
        byte[] bytes = [];
        if (form.Files.GetFile(FileField) is { Length: > 0 and <= MaxBytes } file)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        var result = await bus.InvokeForTenantAsync<SigningCertificateResult>(caller.Agency,
            new UploadSigningCertificateCommand(personId, caller, bytes, form[PassphraseField].ToString()), ct);
        return result.Refusal.ToResult(() => Results.Ok(result.Certificate));
    }

    [WolverineGet("/api/people/{personId}/signing-certificate")]
    [Tags("Tanda tangan elektronik")]
    [EndpointSummary("The person's installed signing certificate (subject, issuer, validity), never the key; 404 when none")]
    [ProducesResponseType<SignerCertificate>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid personId, [NotBody] Caller caller, IQuerySession session, CancellationToken ct) =>
        (caller.PersonId == personId || caller.Has(Role.Administrator)) && await session.LoadAsync<SigningKey>(personId, ct) is { } key
            ? Results.Ok(key.Certificate)
            : Results.Problem(Problems.NotFound("Sertifikat tanda tangan pegawai", personId));
}
