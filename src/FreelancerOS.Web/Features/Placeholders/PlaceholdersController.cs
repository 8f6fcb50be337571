using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Features.Placeholders;

/// <summary>
/// Sections of the navigation that are not built yet answer with a plain "coming soon" page, never a
/// broken link. Remove a section from the route when its feature lands.
/// </summary>
public sealed class PlaceholdersController : Controller
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["resources"] = "Resources",
        ["contacts"] = "Contacts", ["goals"] = "Goals", ["calendar"] = "Calendar",
    };

    [HttpGet("{section:regex(^(resources|contacts|goals|calendar)$)}")]
    public IActionResult Show(string section) => View("ComingSoon", Titles[section]);
}
