using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace FreelancerOS.Web.Features.Errors;

/// <summary>
/// An upload over the form's limit is answered 413 with the form's own message, from its declared length,
/// before anything reads the body: the antiforgery check (an authorization filter, order 1000) would read
/// it first and fail half-way with a bare 400. A body without a length is still cut off by RequestFormLimits.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UploadLimitAttribute(long maxBytes, string message) : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => -1000;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        // The multipart framing and the other fields add a little to the file itself.
        if (context.HttpContext.Request.ContentLength > maxBytes + 1024 * 1024)
            context.Result = Refuse(context, StatusCodes.Status413PayloadTooLarge, message);
    }

    private static ViewResult Refuse(FilterContext context, int status, string? detail)
    {
        // The status page must not be re-executed on top of this one.
        context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
        return new ViewResult
        {
            ViewName = "~/Features/Errors/Error.cshtml",
            StatusCode = status,
            ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<ErrorModel>(
                new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState)
            {
                Model = new ErrorModel(status, Activity.Current?.Id ?? context.HttpContext.TraceIdentifier, detail),
            },
        };
    }
}
