using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Pages;

/// <summary>
/// An endpoint's refusal as a page shows it: the messages of a <see cref="ValidationProblemDetails"/> per API
/// field (shown at that field), or the problem's detail as one message for the form. <see cref="Form"/> names the
/// form on a page with several, so each shows only its own errors.
/// </summary>
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
            foreach (var (field, messages) in validation.Errors) errors.Fields[field] = messages;
        if (errors.Fields.Count == 0) errors.Summary = problem.Detail ?? problem.Title ?? "Permintaan tidak dapat diproses.";
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

    /// <summary>The message for the whole form, when no field carries it.</summary>
    public string? General => Summary;

    public static FormErrors Message(string message, string? form = null) => new() { Form = form, Summary = message };

    /// <summary>The problem an endpoint answered with, or null when it succeeded.</summary>
    public static ProblemDetails? ProblemOf(IResult result) => result is ProblemHttpResult problem ? problem.ProblemDetails : null;

    /// <summary>The errors of one form on the page (none when another form was posted).</summary>
    public FormErrors For(string form) => Form == form ? this : None;

    public string? this[string field] => Fields.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public string Invalid(string field) => this[field] is null ? "false" : "true";

    public string? DescribedBy(string field, string id) => this[field] is null ? null : id + "-error";

    /// <summary>The message at a field, with the id <c>{id}-error</c> its input points to.</summary>
    public IHtmlContent At(string field, string id) => this[field] is { } message
        ? new HtmlString($"<span class=\"field-error\" id=\"{HtmlEncoder.Default.Encode(id)}-error\">{HtmlEncoder.Default.Encode(message)}</span>")
        : HtmlString.Empty;

    /// <summary>
    /// The alert above the form: the summary, or a pointer to the marked fields, plus the messages of fields the
    /// form does not show (<paramref name="shownFields"/> are the ones it does).
    /// </summary>
    public IHtmlContent Alert(params string[] shownFields)
    {
        if (!Any) return HtmlString.Empty;
        var unshown = Fields.Where(f => !shownFields.Contains(f.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(f => f.Value).ToList();
        var text = Summary ?? (unshown.Count > 0 && unshown.Count == Fields.Values.Sum(v => v.Length) ? string.Join(" ", unshown)
            : "Periksa kembali isian yang ditandai." + (unshown.Count > 0 ? " " + string.Join(" ", unshown) : ""));
        return new HtmlString($"<p class=\"alert error\" role=\"alert\">{HtmlEncoder.Default.Encode(text)}</p>");
    }
}
