using System.Text.Encodings.Web;
using Arsip.Access;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace Arsip.Pages;

/// <summary>
/// The agency's classification scheme as a <c>&lt;datalist&gt;</c> for a classification field (<c>list="…"</c>): the
/// browser offers the classes as one types, matching the code or the name, without a script. Empty when the agency
/// has not imported a scheme (any well-formed code is then accepted).
/// </summary>
public sealed class ClassificationOptionsViewComponent(IDocumentStore store) : ViewComponent
{
    public const string ListId = "classification-options";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        await using var session = store.QuerySession(Caller.From(UserClaimsPrincipal).Agency);
        var scheme = await session.LoadAsync<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream, HttpContext.RequestAborted);
        var html = new HtmlContentBuilder();
        html.AppendHtml($"<datalist id=\"{ListId}\">");
        foreach (var c in scheme?.Classes ?? [])
            html.AppendHtml($"<option value=\"{HtmlEncoder.Default.Encode(c.Code)}\">{HtmlEncoder.Default.Encode(c.Name)}</option>");
        html.AppendHtml("</datalist>");
        return new HtmlContentViewComponentResult(html);
    }
}
