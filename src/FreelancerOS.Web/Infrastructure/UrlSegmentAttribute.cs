using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// A controller for one sub-resource of a feature answers under the feature's URL segment: it takes the
/// "controller" route value <paramref name="controller"/>, so /ledger/import, asp-controller="Ledger" and
/// RedirectToAction("Lists") keep working when the ledger's actions live in several classes. Action
/// names stay unique within a segment (an ambiguous match fails at the first request, and a test checks
/// it). See docs/decisions/012.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class UrlSegmentAttribute(string controller) : Attribute, IControllerModelConvention
{
    public string Controller { get; } = controller;

    public void Apply(ControllerModel controller) => controller.ControllerName = Controller;
}
