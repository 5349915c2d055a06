using Arsip.Access;
using Arsip.Attachments;
using Arsip.Correspondence;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace Arsip.Pages;

/// <summary>The API's file and 404, served inline (for the letter page's frame) instead of as a download.</summary>
public sealed class BerkasModel(IDocumentStore store, IBlobStore blobs) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, string sha256, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        if (await IncomingLetterFiles.OpenAsync(session, caller, id, sha256, blobs, ct) is not { } found) return NotFound();
        var (file, content) = found;
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(file.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        // only this site may frame it
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        Response.Headers.XContentTypeOptions = "nosniff";
        return new FileStreamResult(content, file.ContentType) { EntityTag = new EntityTagHeaderValue($"\"{file.Sha256}\""), EnableRangeProcessing = true };
    }
}
