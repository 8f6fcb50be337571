using FluentValidation;
using FluentValidation.AspNetCore;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// FluentValidation's auto-validation puts every rule's message beside its field; a field that could
/// not even be read (letters in an amount) already says why, so its second message is dropped.
/// </summary>
public sealed class OneMessagePerField : IValidatorInterceptor
{
    public IValidationContext BeforeAspNetValidation(ActionContext actionContext, IValidationContext commonContext) => commonContext;

    public ValidationResult AfterAspNetValidation(ActionContext actionContext, IValidationContext validationContext, ValidationResult result)
    {
        var unreadable = actionContext.ModelState
            .Where(field => field.Value is { Errors.Count: > 0 })
            .Select(field => field.Key)
            .ToList();
        if (unreadable.Count == 0) return result;
        return new ValidationResult(result.Errors.Where(error =>
            !unreadable.Any(key => key == error.PropertyName || key.EndsWith("." + error.PropertyName, StringComparison.Ordinal))));
    }
}
