using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Organization;
using Arsip.Signing;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>
/// A person's certificate for certified signatures (TTE): the one installed now, and the form that installs a PKCS#12 through the
/// API's own command. The passphrase opens the file once to check it and is forgotten. The person, or an administrator for them.
/// </summary>
[RequestSizeLimit(2 * UploadSigningCertificateHandler.MaxBytes)]
public sealed class ProfilSertifikatModel(IDocumentStore store, IMessageBus bus, IStringLocalizer<Text> text) : PageModel
{
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public bool ForSomeoneElse { get; private set; }
    public SignerCertificate? Certificate { get; private set; }
    public string? UploadedBy { get; private set; }
    public DateTimeOffset? UploadedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? personId, CancellationToken ct) =>
        await LoadAsync(personId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid? personId, IFormFile? certificate, string? passphrase, CancellationToken ct)
    {
        if (!await LoadAsync(personId, ct)) return NotFound();
        var caller = Caller.From(User);
        byte[] bytes = [];
        if (certificate is { Length: > UploadSigningCertificateHandler.MaxBytes })
        {
            Errors = FormErrors.None.With(UploadSigningCertificateHandler.FileField, "Berkas sertifikat paling besar 256 KB (a certificate file is at most 256 KB).");
            return Page();
        }
        if (certificate is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await certificate.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        ProblemDetails? refusal;
        try
        {
            var result = await bus.InvokeForTenantAsync<SigningCertificateResult>(caller.Agency,
                new UploadSigningCertificateCommand(PersonId, caller, bytes, passphrase), ct);
            refusal = result.Refusal;
        }
        catch (SigningRefusedException refused) { refusal = refused.ToProblem(); }
        if (refusal is not null)
        {
            // A refusal without a field (not a PKCS#12, expired, revoked, untrusted) is about the file.
            Errors = FormErrors.AtField(refusal, UploadSigningCertificateHandler.FileField);
            return Page();
        }
        TempData["Notice"] = text["Sertifikat tanda tangan elektronik dipasang; passphrase tidak disimpan."].Value;
        return RedirectToPage(new { personId = ForSomeoneElse ? PersonId : (Guid?)null });
    }

    /// <summary>False when the person is not the caller's to see: a 404 as for anything else the caller may not reach.</summary>
    private async Task<bool> LoadAsync(Guid? personId, CancellationToken ct)
    {
        var caller = Caller.From(User);
        PersonId = personId ?? caller.PersonId;
        ForSomeoneElse = PersonId != caller.PersonId;
        if (ForSomeoneElse && !caller.Has(Role.Administrator)) return false;
        await using var session = store.QuerySession(caller.Agency);
        if (await session.LoadAsync<Person>(PersonId, ct) is not { } person) return false;
        PersonName = person.FullName;
        if (await session.LoadAsync<SigningKey>(PersonId, ct) is { } key)
            (Certificate, UploadedBy, UploadedAt) = (key.Certificate, key.UploadedBy, key.UploadedAt);
        return true;
    }
}
