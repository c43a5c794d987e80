package dev.switchboard.sandbox.hubspot;

import java.util.List;
import java.util.Map;

/**
 * A deal's {@code pipeline} must be one of the portal's live deal pipelines (the {@code default} one when a
 * create names none) and its {@code dealstage} one of that pipeline's stages — HubSpot's 400 VALIDATION_ERROR
 * with an {@code INVALID_OPTION} detail otherwise, also when a change of pipeline leaves the old stage behind.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/objects/deals/guide
 */
final class DealStageRule implements WriteRule {

  private final Pipelines pipelines;

  DealStageRule(Pipelines pipelines) {
    this.pipelines = pipelines;
  }

  @Override
  public void check(CrmObject before, Map<String, String> changes) {
    String pipelineId = changes.containsKey("pipeline") ? changes.get("pipeline")
        : before == null ? null : before.props.get("pipeline");
    String stage = changes.containsKey("dealstage") ? changes.get("dealstage")
        : before == null ? null : before.props.get("dealstage");
    if ((pipelineId == null || pipelineId.isEmpty()) && stage != null && !stage.isEmpty()) {
      pipelineId = Pipelines.DEFAULT_ID;
    }
    if (pipelineId == null || pipelineId.isEmpty()) {
      return;
    }
    List<String> stages = pipelines.stageIds(pipelineId);
    if (stages == null) {
      throw HubSpotException.invalidProperties(List.<String[]>of(new String[] {"pipeline", "INVALID_OPTION",
          pipelineId + " was not one of the allowed options: " + pipelines.pipelineIds()}));
    }
    if (stage != null && !stage.isEmpty() && !stages.contains(stage)) {
      throw HubSpotException.invalidProperties(List.<String[]>of(new String[] {"dealstage", "INVALID_OPTION",
          stage + " was not one of the allowed options: " + stages + " (the stages of pipeline " + pipelineId + ")"}));
    }
  }

  /** A create that names a stage but no pipeline gets the default pipeline, as in HubSpot. */
  @Override
  public Map<String, String> derive(CrmObject before, Map<String, String> values) {
    if (before == null && (values.get("pipeline") == null || values.get("pipeline").isEmpty())
        && values.get("dealstage") != null && !values.get("dealstage").isEmpty()) {
      return Map.of("pipeline", Pipelines.DEFAULT_ID);
    }
    return Map.of();
  }
}
