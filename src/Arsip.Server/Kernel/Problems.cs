
namespace Arsip.Kernel;

/// <summary>The ProblemDetails bodies Arsip answers with; text in Indonesian with English in brackets.</summary>
public static class Problems
{
    public static ProblemDetails NotFound(string what, object id) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Tidak ditemukan (not found)",
        Detail = $"{what} {id} tidak ditemukan atau tidak dapat Anda akses (not found or not visible to you).",
    };

    public static ProblemDetails DuplicateLetter(Guid existingId) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Surat sudah terdaftar (duplicate letter)",
        Detail = "Surat dengan pengirim, nomor dan tanggal yang sama sudah terdaftar. Jika ini surat yang berbeda, kirim ulang dengan confirmedDistinct=true. " +
                 "(A letter with the same sender, number and date is already registered; resend with confirmedDistinct=true if it is a different letter.)",
        Instance = $"/api/incoming-letters/{existingId}",
        Extensions = { ["existingId"] = existingId, ["existing"] = $"/api/incoming-letters/{existingId}" },
    };

    /// <summary>The content of a record destroyed under a disposal (pemusnahan): only its tombstone is left.</summary>
    public static ProblemDetails Destroyed(string what, Guid disposalId, string reference, DateTimeOffset at) => new()
    {
        Status = StatusCodes.Status410Gone,
        Title = "Sudah dimusnahkan (gone: destroyed)",
        Detail = $"{what} sudah dimusnahkan berdasarkan berita acara {reference} (destroyed under disposal record {reference}).",
        Extensions = { ["disposalId"] = disposalId, ["reference"] = reference, ["destroyedAt"] = at },
    };

    public static ProblemDetails Conflict(string detail) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Konflik (conflict)",
        Detail = detail,
    };

    public static ProblemDetails Forbidden(string detail) => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Title = "Tidak diizinkan (forbidden)",
        Detail = detail,
    };

    public static ProblemDetails BadRequest(string field, string message) => new ValidationProblemDetails(
        new Dictionary<string, string[]> { [field] = [message] })
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Permintaan tidak valid (invalid request)",
    };
}
