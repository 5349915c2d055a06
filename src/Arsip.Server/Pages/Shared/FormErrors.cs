using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arsip.Pages;

/// <summary>An endpoint's refusal as a page shows it: a <see cref="ValidationProblemDetails"/>'s messages at their fields, or the
/// detail as one message; <see cref="Form"/> names the form on a page with several, so each shows only its own errors.</summary>
public sealed class FormErrors
{
    public static readonly FormErrors None = new();

    public Dictionary<string, string[]> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Summary { get; private set; }
    public string? Form { get; private set; }
    public int? Status { get; private set; }

    public bool Any => Fields.Count > 0 || Summary is not null;

    public static FormErrors From(ProblemDetails problem, string? form = null)
    {
        var errors = new FormErrors { Form = form, Status = problem.Status };
        if (problem is ValidationProblemDetails validation)
            foreach (var (field, messages) in validation.Errors) errors.Fields[field] = messages.Select(Localize).ToArray();
        if (errors.Fields.Count == 0) errors.Summary = Localize(problem.Detail ?? problem.Title ?? "Permintaan tidak dapat diproses. (The request could not be processed.)");
        return errors;
    }

    /// <summary>A refusal without fields (403, 404, 409) shown at <paramref name="field"/> instead of above the form.</summary>
    public static FormErrors AtField(ProblemDetails problem, string field, string? form = null)
    {
        var errors = From(problem, form);
        if (errors.Summary is { } summary)
        {
            errors.Fields[field] = [summary];
            errors.Summary = null;
        }
        return errors;
    }

    public string? General => Summary;

    public static FormErrors Message(string message, string? form = null) => new() { Form = form, Summary = Localize(message) };

    /// <summary>A field's messages, set by the page (e.g. a refusal it shows at another field than the API named).</summary>
    public FormErrors With(string field, params string[] messages)
    {
        Fields[field] = messages.Select(Localize).ToArray();
        return this;
    }

    /// <summary>The API's bilingual text ("wajib diisi (required).") in the page's language: the Indonesian before the closing
    /// bracket, or the English inside it on the English pages. A text without a closing English part stays whole.</summary>
    public static string Localize(string message) => Localize(message, Text.IsEnglish);

    public static string Localize(string message, bool english)
    {
        var text = message.TrimEnd();
        var end = text.Length;
        if (end > 0 && text[end - 1] is '.' or ':') end--;
        if (end == 0 || text[end - 1] != ')') return message;
        var depth = 0;
        var open = -1;
        for (var i = end - 1; i >= 0; i--)
        {
            if (text[i] == ')') depth++;
            else if (text[i] == '(' && --depth == 0) { open = i; break; }
        }
        if (open <= 0) return message;
        var indonesian = text[..open].TrimEnd().TrimEnd(':', ',');
        if (!english) return indonesian + (indonesian.EndsWith('.') || indonesian.EndsWith('?') ? "" : ".");
        var inner = text[(open + 1)..(end - 1)].Trim();
        if (inner.Length == 0) return message;
        return char.ToUpperInvariant(inner[0]) + inner[1..] + (inner.EndsWith('.') ? "" : ".");
    }

    public static ProblemDetails? ProblemOf(IResult result) => result is ProblemHttpResult problem ? problem.ProblemDetails : null;

    /// <summary>The errors of one form on the page (none when another form was posted).</summary>
    public FormErrors For(string form) => Form == form ? this : None;

    public string? this[string field] => Fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public string Invalid(string field) => this[field] is null ? "false" : "true";

    public string? DescribedBy(string field, string id) => this[field] is null ? null : id + "-error";

    /// <summary>The message at a field, with the id <c>{id}-error</c> its input points to.</summary>
    public IHtmlContent At(string field, string id) => this[field] is { } message
        ? new HtmlString($"<span class=\"field-error\" id=\"{HtmlEncoder.Default.Encode(id)}-error\" data-field=\"{HtmlEncoder.Default.Encode(field)}\">{HtmlEncoder.Default.Encode(message)}</span>")
        : HtmlString.Empty;

    /// <summary>The summary above the form (focus moves there on load, <c>wwwroot/js/formulir.js</c>): the form's message, then each
    /// field's, linked to its field when in <paramref name="shownFields"/> (the others have no field to go to).</summary>
    public IHtmlContent Alert(params string[] shownFields)
    {
        if (!Any) return HtmlString.Empty;
        var html = new StringBuilder("<div class=\"alert error error-summary\" role=\"alert\" tabindex=\"-1\" data-error-summary>");
        html.Append("<p><strong>").Append(Encode(Summary ?? (Text.IsEnglish ? "Please check the following:" : "Periksa kembali isian berikut:"))).Append("</strong></p>");
        // in the order the form shows its fields, then whatever has no field on it
        int Place(string field) => Array.FindIndex(shownFields, f => f.Equals(field, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i : int.MaxValue;
        var items = Fields.OrderBy(f => Place(f.Key)).SelectMany(f => f.Value.Select(m => (Field: f.Key, Message: m))).ToList();
        if (items.Count > 0)
        {
            html.Append("<ul>");
            foreach (var (field, message) in items)
                html.Append(shownFields.Contains(field, StringComparer.OrdinalIgnoreCase)
                    ? $"<li><a href=\"#{Encode(field)}\" data-field=\"{Encode(field)}\">{Encode(message)}</a></li>"
                    : $"<li>{Encode(message)}</li>");
            html.Append("</ul>");
        }
        return new HtmlString(html.Append("</div>").ToString());
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
