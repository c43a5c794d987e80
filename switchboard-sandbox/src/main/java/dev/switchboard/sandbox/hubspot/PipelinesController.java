package dev.switchboard.sandbox.hubspot;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot CRM pipelines and their stages ({@link Pipelines}) on the v3 and 2026-03 paths. Of the emulated object
 * types only deals have pipelines; any other type is a 400. The 2026-03 spec requires {@code writePermissions} on
 * every stage, which the answers always carry (v3 allows it), so one controller serves both versions.
 * https://developers.hubspot.com/docs/api-reference/latest/crm/pipelines/guide
 */
@RestController
@RequestMapping({"/hubspot/crm/v3/pipelines/{objectType}", "/hubspot/crm/pipelines/2026-03/{objectType}"})
class PipelinesController {

  private static Pipelines pipelines(HubSpotPortal portal, String objectType) {
    if (ObjectType.of(objectType) != ObjectType.DEALS) {
      throw HubSpotException.validation("Pipelines are not supported for object type " + objectType + ".");
    }
    return portal.crm.pipelines;
  }

  @GetMapping
  Map<String, Object> all(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal, @PathVariable String objectType) {
    return Map.of("results", pipelines(portal, objectType).all());
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @RequestBody Map<String, Object> body) {
    return ResponseEntity.status(201).body(pipelines(portal, objectType).create(body));
  }

  @GetMapping("/{pipelineId}")
  Map<String, Object> get(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal, @PathVariable String objectType,
      @PathVariable String pipelineId) {
    return pipelines(portal, objectType).get(pipelineId);
  }

  @PutMapping("/{pipelineId}")
  Map<String, Object> replace(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String pipelineId, @RequestBody Map<String, Object> body) {
    return pipelines(portal, objectType).replace(pipelineId, body);
  }

  @PatchMapping("/{pipelineId}")
  Map<String, Object> patch(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String pipelineId, @RequestBody Map<String, Object> body) {
    return pipelines(portal, objectType).patch(pipelineId, body);
  }

  @DeleteMapping("/{pipelineId}")
  ResponseEntity<Void> archive(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String pipelineId) {
    pipelines(portal, objectType).archive(pipelineId);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{pipelineId}/stages")
  Map<String, Object> stages(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String pipelineId) {
    return Map.of("results", pipelines(portal, objectType).stages(pipelineId));
  }

  @PostMapping("/{pipelineId}/stages")
  ResponseEntity<Map<String, Object>> createStage(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String pipelineId, @RequestBody Map<String, Object> body) {
    return ResponseEntity.status(201).body(pipelines(portal, objectType).createStage(pipelineId, body));
  }

  @GetMapping("/{pipelineId}/stages/{stageId}")
  Map<String, Object> stage(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String pipelineId, @PathVariable String stageId) {
    return pipelines(portal, objectType).stage(pipelineId, stageId);
  }

  @PutMapping("/{pipelineId}/stages/{stageId}")
  Map<String, Object> replaceStage(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String pipelineId, @PathVariable String stageId,
      @RequestBody Map<String, Object> body) {
    return pipelines(portal, objectType).updateStage(pipelineId, stageId, body, true);
  }

  @PatchMapping("/{pipelineId}/stages/{stageId}")
  Map<String, Object> patchStage(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String pipelineId, @PathVariable String stageId,
      @RequestBody Map<String, Object> body) {
    return pipelines(portal, objectType).updateStage(pipelineId, stageId, body, false);
  }

  @DeleteMapping("/{pipelineId}/stages/{stageId}")
  ResponseEntity<Void> archiveStage(@RequestAttribute(HubSpotGuardFilter.PORTAL) HubSpotPortal portal,
      @PathVariable String objectType, @PathVariable String pipelineId, @PathVariable String stageId) {
    pipelines(portal, objectType).archiveStage(pipelineId, stageId);
    return ResponseEntity.noContent().build();
  }
}
