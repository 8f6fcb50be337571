using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Views resolve from the folder the controller's code lives in (the namespace segment after
/// "Features"), not from its URL segment: a feature split into several controllers by sub-resource
/// (LedgerController, LedgerCsvController...) keeps one folder of views. See docs/decisions/012.
/// </summary>
public sealed class FeatureFolders : IViewLocationExpander
{
    public const string Token = "{Feature}";
    private const string Key = "feature";

    public static void Configure(RazorViewEngineOptions o)
    {
        o.ViewLocationFormats.Clear();
        o.ViewLocationFormats.Add("/Features/" + Token + "/{0}" + RazorViewEngine.ViewExtension);
        o.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
        o.ViewLocationExpanders.Add(new FeatureFolders());
    }

    /// <summary>"Ledger" for FreelancerOS.Web.Features.Ledger.LedgerCsvController; null outside Features.</summary>
    public static string? FeatureOf(Type controller)
    {
        var segments = (controller.Namespace ?? "").Split('.');
        var at = Array.IndexOf(segments, "Features");
        return at >= 0 && at + 1 < segments.Length ? segments[at + 1] : null;
    }

    // The value is part of the view engine's cache key, so two controllers with one URL segment but
    // different folders (or the reverse) never share a cached lookup.
    public void PopulateValues(ViewLocationExpanderContext context) =>
        context.Values[Key] = context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
            ? FeatureOf(action.ControllerTypeInfo) ?? action.ControllerName
            : context.ControllerName;

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var feature = context.Values.TryGetValue(Key, out var f) && f is not null ? f : context.ControllerName ?? "Shared";
        return viewLocations.Select(l => l.Replace(Token, feature, StringComparison.Ordinal));
    }
}
