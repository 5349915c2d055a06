using System.Globalization;
using Microsoft.AspNetCore.Localization;

// Resources are named after the project's root namespace (Arsip), not the assembly (Arsip.Server).
[assembly: Microsoft.Extensions.Localization.RootNamespace("Arsip")]

namespace Arsip.Pages;

/// <summary>
/// The pages' text. Indonesian is the language of the pages and of the keys: a page writes
/// <c>@T["Surat masuk"]</c> and gets the key back in Indonesian, or its English from
/// <c>Resources/Pages/Text.en.resx</c> for someone who chose English. A missing English entry shows
/// the Indonesian text, never a blank.
/// </summary>
public sealed class Text
{
    public static readonly CultureInfo[] Cultures = [new("id-ID"), new("en-GB")];

    /// <summary>The language is a choice the person makes (a cookie), never guessed from the browser: offices work in Indonesian.</summary>
    public static RequestLocalizationOptions Localization()
    {
        // Only the words change with the language: dates and numbers keep the pages' explicit formats.
        var formatting = CultureInfo.CurrentCulture;
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(formatting, Cultures[0]),
            SupportedCultures = [formatting],
            SupportedUICultures = Cultures,
        };
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        return options;
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
