using Grpc.Core;
using Matchmaker.Mapping;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.Security;
using Matchmaker.Server.Internal;
using Matchmaker.TrainingData;
using Matchmaker.V1;
using Microsoft.AspNetCore.Authorization;
using ModelFiles = Matchmaker.V1.ModelFiles;

namespace Matchmaker.Server.Services;

/// <summary>ModelService: the registry, the active model and the training data export.</summary>
internal sealed class ModelGrpcService(ActiveModel model, TrainingDataExporter exporter, ILogger<ModelGrpcService> logger) : ModelService.ModelServiceBase
{
    [Authorize(Roles = Roles.ModelUsers)]
    public override Task<ModelList> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        var active = model.Current.Version;
        var list = new ModelList { ActiveVersion = active };
        list.Models.Add(ModelMapping.BaselineInfo(active == BaselineRanker.BaselineVersion));
        list.Models.AddRange(model.Registry.List().Select(m => m.ToInfo(m.Version == active)));
        return Task.FromResult(list);
    }

    [Authorize(Roles = Roles.ModelUsers)]
    public override Task<ModelInfo> GetActiveModel(GetActiveModelRequest request, ServerCallContext context) =>
        Task.FromResult(model.Current.ToInfo(active: true));

    [Authorize(Roles = Roles.ModelUsers)]
    public override Task<ModelInfo> ActivateModel(ActivateModelRequest request, ServerCallContext context)
    {
        if (request.Version.Length == 0)
        {
            throw ValidationException.Required("version");
        }

        var previous = model.Current.Version;
        var ranker = Logged(context, () => model.Activate(request.Version));
        logger.ModelActivated(ranker.Version, context, previous);
        return Task.FromResult(ranker.ToInfo(active: true));
    }

    [Authorize(Roles = Roles.ModelUsers)]
    public override Task<ModelInfo> RegisterModel(RegisterModelRequest request, ServerCallContext context)
    {
        if (request.Files.Count == 0)
        {
            throw ValidationException.Of("files", $"give the model's files ({string.Join(", ", Ranking.ModelFiles.All)})");
        }

        var ranker = Logged(context, () => model.Registry.Register(request.Files.ToDictionary(f => f.Key, f => f.Value.ToByteArray())));
        logger.ModelRegistered(ranker.Version, context);
        if (request.Activate)
        {
            var previous = model.Current.Version;
            Logged(context, () => model.Activate(ranker.Version));
            logger.ModelActivated(ranker.Version, context, previous);
        }

        return Task.FromResult(ranker.Metadata.ToInfo(model.Current.Version == ranker.Version));
    }

    [Authorize(Roles = Roles.ModelUsers)]
    public override Task<ModelFiles> GetModelFiles(GetModelFilesRequest request, ServerCallContext context)
    {
        var (version, files) = model.Registry.ReadFiles(request.Version);
        var reply = new ModelFiles { Version = version };
        foreach (var (name, bytes) in files)
        {
            reply.Files[name] = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(bytes);
        }

        return Task.FromResult(reply);
    }

    [Authorize(Roles = Roles.ModelUsers)]
    public override async Task ExportTrainingData(ExportTrainingDataRequest request, IServerStreamWriter<Matchmaker.V1.TrainingExample> responseStream,
        ServerCallContext context)
    {
        if (request.UnshownPerInquiry is < 0 or > TrainingExportOptions.MaxUnshownPerInquiry)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"unshown_per_inquiry must be 1–{TrainingExportOptions.MaxUnshownPerInquiry} (0: the default, {TrainingExportOptions.DefaultUnshownPerInquiry})"));
        }

        var options = new TrainingExportOptions(request.ServedOnly,
            request.ExcludeUnshown ? 0
            : request.UnshownPerInquiry > 0 ? request.UnshownPerInquiry : TrainingExportOptions.DefaultUnshownPerInquiry);
        await foreach (var example in exporter.ExportAsync(options, context.CancellationToken))
        {
            await responseStream.WriteAsync(example.ToProto(), context.CancellationToken);
        }
    }

    // A refused model is logged with its reason (the caller gets FAILED_PRECONDITION or NOT_FOUND).
    private T Logged<T>(ServerCallContext context, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is ModelRejectedException or ModelNotFoundException)
        {
            logger.ModelRefused(ServerLog.Caller(context), e.Message);
            throw;
        }
    }
}
